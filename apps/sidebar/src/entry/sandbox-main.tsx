import { createSandboxHost } from '../host/sandbox-host';
import { startSidebar } from './start-sidebar';
// After the base styles (imported by start-sidebar): the sandbox's palette and type, CSS variables only.
import './theme-sandbox.css';

startSidebar('ticket_sidebar', () => createSandboxHost());

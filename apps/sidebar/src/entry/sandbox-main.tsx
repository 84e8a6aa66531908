import { createSandboxHost } from '../host/sandbox-host';
import { startSidebar } from './start-sidebar';

startSidebar('ticket_sidebar', () => createSandboxHost());

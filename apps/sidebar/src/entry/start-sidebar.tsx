/** Mounts the sidebar into #app. The clock can be injected by a test harness as `window.complaintDeskClock`. */
import { render } from 'preact';
import { browserStore } from '../data/load-policy';
import type { HostApi } from '../host/host-api';
import { SidebarApp } from '../ui/sidebar-app';
import { browserClock, type SidebarClock } from '../ui/use-now';
import '../ui/styles.css';

function injectedClock(): SidebarClock {
  const c = (globalThis as { complaintDeskClock?: SidebarClock }).complaintDeskClock;
  return c && typeof c.now === 'function' ? c : browserClock;
}

export function startSidebar(location: string, connect: () => Promise<HostApi>): void {
  const mount = () => {
    const el = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
    render(<SidebarApp location={location} connect={connect} clock={injectedClock()} store={browserStore()} />, el);
  };
  if (document.readyState === 'loading' && !document.getElementById('app')) document.addEventListener('DOMContentLoaded', mount);
  else mount();
}

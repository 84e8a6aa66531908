/** Browser script of the sandbox list: refreshes the table while the connector processes new tickets. */
const POLL_MS = 3000;
const table = document.querySelector('[data-testid=ticket-table] tbody');

async function refresh(): Promise<void> {
  if (!table || document.hidden) return;
  const res = await fetch(location.pathname + location.search);
  if (!res.ok) return;
  const page = new DOMParser().parseFromString(await res.text(), 'text/html');
  const fresh = page.querySelector('[data-testid=ticket-table] tbody');
  if (fresh && fresh.innerHTML !== table.innerHTML) table.innerHTML = fresh.innerHTML;
}

setInterval(() => {
  refresh().catch(() => undefined);
}, POLL_MS);

export {};

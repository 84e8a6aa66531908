/**
 * Which sidebar sections are open: what the agent left them as, kept in localStorage for every ticket
 * (the sidebar is reopened between replies and must look the same). Detail sections start closed so
 * the first screen answers "how urgent, how long left, what next".
 */
import { useEffect, useState } from 'preact/hooks';

export const SECTIONS_KEY = 'complaint-desk.sections.v1';

type Listener = () => void;
const listeners = new Set<Listener>();
let memory: Record<string, boolean> | null = null;

function read(): Record<string, boolean> {
  if (memory) return memory;
  try {
    const raw = globalThis.localStorage?.getItem(SECTIONS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    memory = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, boolean>) : {};
  } catch {
    memory = {};
  }
  return memory;
}

export function setSectionOpen(id: string, open: boolean): void {
  memory = { ...read(), [id]: open };
  try {
    globalThis.localStorage?.setItem(SECTIONS_KEY, JSON.stringify(memory));
  } catch {
    /* no storage: this session only */
  }
  listeners.forEach((l) => l());
}

/** Whether section `id` is open (the agent's last choice, else `byDefault`) and a setter. */
export function useSectionOpen(id: string, byDefault: boolean): [boolean, (open: boolean) => void] {
  const [, bump] = useState(0);
  useEffect(() => {
    const l = () => bump((n) => n + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  const state = read();
  const open = Object.prototype.hasOwnProperty.call(state, id) ? state[id] === true : byDefault;
  return [open, (o) => setSectionOpen(id, o)];
}

import type { ComponentChildren } from 'preact';
import { useSectionOpen } from '../section-state';

/**
 * A titled, labelled region of the sidebar. Collapsible sections (the detail below the first screen)
 * have a toggle button in their heading and stay as the agent left them.
 */
export function Section(props: { id: string; title: string; children: ComponentChildren; collapsible?: boolean; defaultOpen?: boolean }) {
  const [open, setOpen] = useSectionOpen(props.id, props.collapsible ? (props.defaultOpen ?? false) : true);
  const shown = !props.collapsible || open;
  return (
    <section
      class="cd-section"
      aria-labelledby={`cd-h-${props.id}`}
      data-panel={props.id}
      data-open={props.collapsible ? String(open) : undefined}
    >
      {props.collapsible ? (
        <h2 id={`cd-h-${props.id}`}>
          <button type="button" class="cd-toggle" aria-expanded={open} aria-controls={`cd-b-${props.id}`} onClick={() => setOpen(!open)}>
            {props.title}
          </button>
        </h2>
      ) : (
        <h2 id={`cd-h-${props.id}`}>{props.title}</h2>
      )}
      <div id={`cd-b-${props.id}`} hidden={!shown}>
        {props.children}
      </div>
    </section>
  );
}

import type { ComponentChildren } from 'preact';

/** A titled, labelled region of the sidebar. */
export function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="cd-section" aria-labelledby={`cd-h-${props.id}`} data-panel={props.id}>
      <h2 id={`cd-h-${props.id}`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

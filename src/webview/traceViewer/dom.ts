/// <reference lib="dom" />

export interface Props {
  class?: string;
  text?: string;
  title?: string;
  /** Other attributes, set with setAttribute (never `style`: the page's CSP forbids it). */
  attrs?: Record<string, string>;
}

/** Creates an element with text set as text (never parsed as HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.class) e.className = props.class;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.title) e.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

export function button(label: string, title: string, action: () => void, className = 'tv-button'): HTMLButtonElement {
  const b = h('button', { class: className, text: label, title, attrs: { type: 'button', 'aria-label': title } });
  b.addEventListener('click', action);
  return b;
}

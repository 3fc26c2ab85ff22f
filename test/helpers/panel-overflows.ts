/**
 * Elements of a widget's panel that stick out of it or scroll sideways (or a panel wider than `column`), described for
 * a failure message. Self-contained, so e2e tests can hand it to the page as it is: `host.evaluate(panelOverflows, 320)`.
 */
export function panelOverflows(host: Element, column: number): string[] {
  const panel = host.shadowRoot?.querySelector<HTMLElement>('[part~="panel"]');
  if (!panel) return ['no panel'];
  const box = panel.getBoundingClientRect();
  const problems: string[] = [];
  if (box.width > column + 0.5) problems.push(`panel is ${box.width}px wide`);
  const nodes = [panel, ...panel.querySelectorAll<HTMLElement>('button, p, h2, .time, [part~="meter"], .actions')];
  for (const node of nodes) {
    const part = node.getAttribute('part');
    const name = `${node.localName}${part ? `[${part}]` : ''} "${node.textContent?.trim().slice(0, 40)}"`;
    if (node.scrollWidth > node.clientWidth + 1)
      problems.push(`${name} scrolls: ${node.scrollWidth} > ${node.clientWidth}`);
    const rect = node.getBoundingClientRect();
    if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) problems.push(`${name} sticks out of the panel`);
  }
  return problems;
}

/**
 * Sets an element's inline size to a percentage through the CSSOM. Lit's styleMap writes a
 * `style` attribute on its first render, which a strict Content-Security-Policy
 * (`style-src 'self'`, no 'unsafe-inline') refuses; a property set through the CSSOM is allowed.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class FillDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('fill() belongs on an element');
  }

  render(_percent: number): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [percent]: [number]): typeof noChange {
    (part.element as HTMLElement).style.setProperty(
      'inline-size',
      `${Math.max(0, Math.min(100, percent))}%`,
    );
    return noChange;
  }
}

/** `<span ${fill(40)}></span>`: the span is 40 % as wide as its container. */
export const fill = directive(FillDirective);

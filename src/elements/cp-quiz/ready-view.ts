/** The quiz before an attempt: what it is, what to expect, and Start. */
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { renderMarkdown } from '../../content/markdown.ts';
import type { Quiz } from '../../content/schema.ts';
import type { Policy } from '../../engine/policy.ts';
import { selectItems } from '../../engine/selection.ts';

export interface ReadyViewModel {
  readonly quiz: Quiz;
  readonly policy: Policy;
  readonly base: string | undefined;
  readonly onStart: () => void;
}

export function renderReady({ quiz, policy, base, onStart }: ReadyViewModel): TemplateResult {
  // Any seed gives the same count: a draw takes the same number of items every time.
  const count = selectItems(quiz, 0).itemIds.length;
  const minutes = policy.timeLimit === undefined ? undefined : Math.ceil(policy.timeLimit / 60_000);
  return html`<section class="ready" part="intro" aria-labelledby="quiz-title">
    <h2 id="quiz-title" tabindex="-1">${quiz.title}</h2>
    ${quiz.intro ? renderMarkdown(quiz.intro, { base, headingLevel: 3 }) : nothing}
    <h3>${msg('What to expect')}</h3>
    <ul class="expect">
      <li>${count === 1 ? msg('1 question') : msg(str`${count} questions`)}</li>
      <li>${msg(str`Pass mark: ${policy.passMark} %`)}</li>
      <li>
        ${
          policy.attempts === 0
            ? msg('Attempts allowed: no limit')
            : msg(str`Attempts allowed: ${policy.attempts}`)
        }
      </li>
      ${
        minutes === undefined
          ? nothing
          : html`<li>
              ${msg(str`Time limit: ${minutes} minutes. When time runs out, your answers so far are scored.`)}
            </li>`
      }
      <li>
        ${
          policy.feedback === 'immediate'
            ? msg('Feedback: after each answer')
            : msg('Feedback: at the end, with your results')
        }
      </li>
    </ul>
    <div class="actions">
      <button class="primary" @click=${onStart}>${msg('Start')}</button>
    </div>
  </section>`;
}

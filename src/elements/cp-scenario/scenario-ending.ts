/** The end of a run: outcome, score, critical errors, the path taken and best practice. */
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { renderMarkdown } from '../../content/markdown.ts';
import type { Ending, Scenario } from '../../content/schema.ts';
import type { Policy } from '../../engine/policy.ts';
import { bandFor } from '../../engine/scenario-rules.ts';
import type { Decision, RunRecord } from '../../engine/scenario.machine.ts';
import { choiceOf, outcomeLabel, sceneLabel } from './scenario-text.ts';

export interface EndingView {
  readonly scenario: Scenario;
  readonly ending: Ending;
  readonly run: RunRecord;
  readonly path: readonly Decision[];
  readonly policy: Policy | undefined;
  readonly base: string | undefined;
  readonly canRestart: boolean;
  readonly onRestart: () => void;
  readonly onDone: () => void;
}

const OUTCOME_MARK: Record<Ending['outcome'], string> = { good: '✓', mixed: '!', harmful: '✗' };

const percent = (scaled: number) => Math.round(scaled * 100);

/** The score in words, shown and announced alike. */
export const scoreText = (run: RunRecord): string =>
  msg(str`${run.score.raw} of ${run.score.max} points (${percent(run.score.scaled)} %)`);

/** What the live region says when a run ends. */
export const endingAnnouncement = (ending: Ending, run: RunRecord): string =>
  msg(str`${ending.title}. ${outcomeLabel(ending.outcome)}. Score: ${scoreText(run)}.`);

interface Step {
  readonly label: string;
  readonly choiceText: string;
  readonly consequence: string | undefined;
  readonly critical: boolean;
}

function steps(scenario: Scenario, path: readonly Decision[]): Step[] {
  return path.map((decision, index) => {
    const { scene, choice } = choiceOf(scenario, decision.sceneId, decision.choiceId);
    return {
      label: sceneLabel(scene, index + 1),
      choiceText: choice?.text ?? decision.choiceId,
      consequence: choice?.consequence,
      critical: choice?.critical === true,
    };
  });
}

function renderResult(view: EndingView, critical: readonly Step[]): TemplateResult {
  const { scenario, run, policy } = view;
  const band = bandFor(scenario, run.score.raw);
  const assessed = scenario.mode === 'assessment';
  return html`<section class="result" part="result" aria-labelledby="result-title">
    <h3 id="result-title">${msg('Your result')}</h3>
    <dl>
      <div>
        <dt>${msg('Score')}</dt>
        <dd>${scoreText(run)}</dd>
      </div>
      ${
        band
          ? html`<div>
              <dt>${msg('Score band')}</dt>
              <dd>${band.label}</dd>
            </div>`
          : nothing
      }
      ${
        assessed && policy
          ? html`<div>
              <dt>${msg('Pass mark')}</dt>
              <dd>
                ${msg(str`${policy.passMark} %`)} —
                ${run.passed ? msg('passed on this run') : msg('not reached on this run')}
              </dd>
            </div>`
          : nothing
      }
      ${
        assessed && policy && policy.attempts > 0
          ? html`<div>
              <dt>${msg('Attempt')}</dt>
              <dd>${msg(str`${run.run} of ${policy.attempts}`)}</dd>
            </div>`
          : nothing
      }
      <div>
        <dt>${msg('Critical error')}</dt>
        <dd>${run.critical ? msg('Yes') : msg('None')}</dd>
      </div>
    </dl>
    ${
      critical.length
        ? html`<section class="critical" part="critical" aria-labelledby="critical-title">
            <h3 id="critical-title">${msg('Critical errors on your path')}</h3>
            <ul>
              ${critical.map(
                (step) => html`<li><strong>${step.label}:</strong> ${step.choiceText}</li>`,
              )}
            </ul>
          </section>`
        : nothing
    }
  </section>`;
}

function renderRecap(view: EndingView, path: readonly Step[]): TemplateResult {
  return html`<section class="recap" part="recap" aria-labelledby="recap-title">
    <h3 id="recap-title">${msg('Your path')}</h3>
    <ol>
      ${path.map(
        (step) =>
          html`<li>
            <p class="recap-scene"><strong>${step.label}</strong></p>
            <p>
              ${msg('You chose:')} ${step.choiceText}
              ${
                step.critical
                  ? html`<strong class="critical-mark">${msg('(critical error)')}</strong>`
                  : nothing
              }
            </p>
            ${
              step.consequence
                ? html`<div class="recap-consequence">
                    ${renderMarkdown(step.consequence, { base: view.base, headingLevel: 4 })}
                  </div>`
                : nothing
            }
          </li>`,
      )}
    </ol>
  </section>`;
}

export function renderEnding(view: EndingView): TemplateResult {
  const { ending, base } = view;
  const path = steps(view.scenario, view.path);
  const critical = path.filter((step) => step.critical);
  return html`<article class="ending" part="ending" aria-labelledby="ending-title">
    <p class="kicker">${msg('Ending')}</p>
    <h2 id="ending-title" tabindex="-1" data-land>${ending.title}</h2>
    <p class="outcome ${ending.outcome}" part="outcome">
      <span class="mark" aria-hidden="true">${OUTCOME_MARK[ending.outcome]}</span>
      ${outcomeLabel(ending.outcome)}
    </p>
    <div class="ending-text">${renderMarkdown(ending.text, { base, headingLevel: 3 })}</div>
    ${renderResult(view, critical)} ${renderRecap(view, path)}
    ${
      ending.bestPractice
        ? html`<section class="best-practice" part="best-practice" aria-labelledby="best-title">
            <h3 id="best-title">${msg('What best practice looks like')}</h3>
            ${renderMarkdown(ending.bestPractice, { base, headingLevel: 4 })}
          </section>`
        : nothing
    }
    <div class="actions" part="actions">
      ${
        view.canRestart
          ? html`<button class="primary" @click=${view.onRestart}>
              ${msg('Try the scenario again')}
            </button>`
          : nothing
      }
      <button @click=${view.onDone}>${msg('Back to the module')}</button>
    </div>
  </article>`;
}

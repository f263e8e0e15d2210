import { localized, msg } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { AnyActorRef } from 'xstate';
import { contentUrl, markdownStyles, renderMarkdown } from '../../content/markdown.ts';
import type { Choice, Scenario, Scene } from '../../content/schema.ts';
import { ActorController } from '../../controllers/actor.controller.ts';
import type { Policy } from '../../engine/policy.ts';
import { sceneById, visibleChoices } from '../../engine/scenario-rules.ts';
import {
  scenarioPosition,
  type ScenarioContext,
  type ScenarioEvent,
} from '../../engine/scenario.machine.ts';
import { baseStyles } from '../shared/styles.ts';
import { scenarioStyles } from './cp-scenario.styles.ts';
import { endingAnnouncement, renderEnding } from './scenario-ending.ts';
import { choiceOf, sceneLabel } from './scenario-text.ts';

/** The scenario machine is generated from content, so its snapshot is typed here by hand. */
interface ScenarioSnapshot {
  readonly value: unknown;
  readonly context: ScenarioContext;
  can(event: ScenarioEvent): boolean;
}

type View =
  | { readonly kind: 'choosing'; readonly scene: Scene }
  | { readonly kind: 'consequence'; readonly scene: Scene; readonly choice: Choice };

/**
 * A branching scenario: a scene and its choices, the consequence of the choice taken (with
 * coaching), and at an ending the outcome, the score, the path taken and best practice.
 *
 * @summary A scenario of a Checkpoint module, driven by its scenario machine.
 * @event cp-scenario-done - The learner chose to go back to the module from an ending.
 * @csspart scene - The scene being played (with its consequence once a choice is taken).
 * @csspart mode - The line that says whether this is practice or assessment.
 * @csspart figure - The scene's image.
 * @csspart choices - The group of choice buttons.
 * @csspart choice - One choice button.
 * @csspart consequence - What happened after the choice.
 * @csspart coaching - The good-practice coaching after a choice.
 * @csspart ending - The ending reached.
 * @csspart outcome - The ending's outcome, in words.
 * @csspart result - Score, band, pass mark, attempt and critical error of the run.
 * @csspart critical - The critical choices taken on this run.
 * @csspart recap - Every decision of the run, in order.
 * @csspart best-practice - What best practice looks like.
 * @csspart actions - The ending's buttons.
 * @cssproperty --cp-color-accent - Choice buttons, links and accents.
 * @cssproperty --cp-color-success - A good outcome and coaching.
 * @cssproperty --cp-color-warning - A mixed outcome.
 * @cssproperty --cp-color-danger - A harmful outcome and critical errors.
 */
@localized()
@customElement('cp-scenario')
export class CpScenario extends LitElement {
  static override styles = [baseStyles, markdownStyles, scenarioStyles];

  private readonly machine = new ActorController<ScenarioSnapshot>(this, () => this.actor);

  @query('[data-land]') private landing?: HTMLElement;

  /** The scenario machine (a child of the course), given by `<cp-player>`. */
  @property({ attribute: false }) actor?: AnyActorRef;
  /** The scenario's content. */
  @property({ attribute: false }) scenario?: Scenario;
  /** The module's assessment policy: pass mark and attempts, shown at an ending. */
  @property({ attribute: false }) policy?: Policy;
  /** The module's URL: relative media resolve against it. */
  @property({ attribute: false }) base?: string;

  private lastView = '';

  protected override updated(changed: PropertyValues): void {
    const view = this.viewKey();
    // A new scene, consequence or ending: move focus to its heading so reading starts there.
    if (view !== this.lastView && this.lastView !== '' && !changed.has('actor')) {
      this.landing?.focus();
    }
    this.lastView = view;
  }

  private readonly send = (event: ScenarioEvent) => this.machine.send(event);
  private readonly choose = (event: Event) => {
    const choiceId = (event.currentTarget as HTMLButtonElement).dataset['choice'];
    if (choiceId) this.send({ type: 'learner.choose', choiceId });
  };
  private readonly next = () => this.send({ type: 'learner.next' });
  private readonly back = () => this.send({ type: 'learner.back' });
  private readonly restart = () => this.send({ type: 'learner.restart' });
  private readonly done = () =>
    this.dispatchEvent(new Event('cp-scenario-done', { bubbles: true, composed: true }));

  /** Which view is showing; a change moves focus. */
  private viewKey(): string {
    const snapshot = this.machine.snapshot;
    if (!snapshot || !this.scenario) return '';
    const at = scenarioPosition(this.scenario, snapshot.value);
    const { path, runs } = snapshot.context;
    return at ? `${at.kind}:${at.id}:${at.choiceId ?? ''}:${path.length}:${runs.length}` : '';
  }

  private renderScene(view: View, snapshot: ScenarioSnapshot, scenario: Scenario) {
    const { scene } = view;
    const { context } = snapshot;
    const practice = scenario.mode === 'practice';
    // A consequence belongs to the last decision, so the scene it follows was step path.length.
    const step = context.path.length + (view.kind === 'choosing' ? 1 : 0);
    const canBack = snapshot.can({ type: 'learner.back' });
    return html`<article class="scene" part="scene" aria-labelledby="scene-title">
      <p class="mode" part="mode">
        ${practice ? msg('Practice — you can step back') : msg('Assessment — your choices count')}
      </p>
      <h2 id="scene-title" tabindex="-1" ?data-land=${view.kind === 'choosing'}>
        ${sceneLabel(scene, step)}
      </h2>
      ${view.kind === 'choosing' ? this.renderImage(scene) : nothing}
      <div class="scene-text">
        ${renderMarkdown(scene.text, { base: this.base, headingLevel: 3 })}
      </div>
      ${
        view.kind === 'choosing'
          ? this.renderChoices(scene, context)
          : this.renderConsequence(view.choice)
      }
      <div class="actions">
        ${canBack ? html`<button @click=${this.back}>${msg('Step back')}</button>` : nothing}
        ${
          view.kind === 'consequence'
            ? html`<button class="primary" @click=${this.next}>${msg('Continue')}</button>`
            : nothing
        }
      </div>
    </article>`;
  }

  private renderImage(scene: Scene) {
    if (!scene.image) return nothing;
    const src = contentUrl(scene.image.src, 'media', this.base);
    return html`<figure part="figure">
      ${src ? html`<img src=${src} alt=${scene.image.alt} />` : html`<p>${scene.image.alt}</p>`}
      ${scene.image.caption ? html`<figcaption>${scene.image.caption}</figcaption>` : nothing}
    </figure>`;
  }

  private renderChoices(scene: Scene, context: ScenarioContext) {
    const state = { scene: scene.id, ...context };
    return html`<div class="choices" part="choices" role="group" aria-labelledby="choices-title">
      <h3 id="choices-title">${msg('What do you do?')}</h3>
      <ul>
        ${visibleChoices(scene, state).map(
          (choice) =>
            html`<li>
              <button class="choice" part="choice" data-choice=${choice.id} @click=${this.choose}>
                ${choice.text}
              </button>
            </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderConsequence(choice: Choice) {
    const markdown = (text: string) => renderMarkdown(text, { base: this.base, headingLevel: 4 });
    return html`<p class="chosen"><strong>${msg('You chose:')}</strong> ${choice.text}</p>
      <section class="consequence appear" part="consequence" aria-labelledby="consequence-title">
        <h3 id="consequence-title" tabindex="-1" data-land>${msg('What happens')}</h3>
        ${markdown(choice.consequence)}
      </section>
      ${
        choice.coaching
          ? html`<section class="coaching appear" part="coaching" aria-labelledby="coaching-title">
              <h3 id="coaching-title">${msg('Good practice')}</h3>
              ${markdown(choice.coaching)}
            </section>`
          : nothing
      }`;
  }

  /** What the live region says in the current view: nothing while a scene waits for a choice. */
  private announcement(view: View | undefined, ending: TemplateResult | string | undefined) {
    if (ending !== undefined) return ending;
    if (view?.kind !== 'consequence') return nothing;
    return html`<p>${msg('You chose:')} ${view.choice.text}</p>
      <p>${msg('What happens:')}</p>
      ${renderMarkdown(view.choice.consequence, { base: this.base, headingLevel: 4 })}`;
  }

  override render() {
    const snapshot = this.machine.snapshot;
    const scenario = this.scenario;
    if (!snapshot || !scenario) return html``;
    const at = scenarioPosition(scenario, snapshot.value);
    if (!at) return html``;
    let body: TemplateResult | typeof nothing = nothing;
    let view: View | undefined;
    let endingText: string | undefined;
    if (at.kind === 'ending') {
      const ending = scenario.endings.find((candidate) => candidate.id === at.id);
      const run = snapshot.context.runs.at(-1);
      if (ending && run) {
        endingText = endingAnnouncement(ending, run);
        body = renderEnding({
          scenario,
          ending,
          run,
          path: snapshot.context.path,
          policy: this.policy,
          base: this.base,
          canRestart: snapshot.can({ type: 'learner.restart' }),
          onRestart: this.restart,
          onDone: this.done,
        });
      }
    } else if (at.choiceId !== undefined) {
      const { scene, choice } = choiceOf(scenario, at.id, at.choiceId);
      if (scene && choice) view = { kind: 'consequence', scene, choice };
    } else {
      const scene = sceneById(scenario, at.id);
      if (scene) view = { kind: 'choosing', scene };
    }
    if (view) body = this.renderScene(view, snapshot, scenario);
    return html`${body}
      <div class="visually-hidden" role="status">${this.announcement(view, endingText)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-scenario': CpScenario;
  }
}

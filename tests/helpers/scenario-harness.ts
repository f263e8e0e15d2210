/** Drives `<cp-scenario>` as a learner does: by button names, clicks and keys. */
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SimulatedClock } from 'xstate';
import { loadModule } from '../../src/content/loader.ts';
import type { Module, Scenario } from '../../src/content/schema.ts';
import '../../src/elements/cp-scenario/cp-scenario.ts';
import type { CpScenario } from '../../src/elements/cp-scenario/cp-scenario.ts';
import { resolvePolicy } from '../../src/engine/policy.ts';
import { createSession, type Session } from '../../src/engine/session.ts';
import { fixtureModule } from './engine-fixture.ts';
import { fixtureJson } from './fixtures.ts';

export const SHOWCASE_URL = '/modules/showcase/module.json';
export const SHOWCASE_SCENARIO = 'scenario-five-passports';

export interface Mounted {
  readonly el: CpScenario;
  readonly session: Session;
}

/** The showcase module, with free navigation so that its scenario opens first. */
export async function showcaseModule(): Promise<Module> {
  const document = await fixtureJson<Record<string, unknown>>(SHOWCASE_URL.slice(1));
  const result = await loadModule({ ...document, navigation: 'free' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.module;
}

/** Mounts the showcase scenario, its media resolved against the module's URL. */
export async function mountShowcase(): Promise<Mounted> {
  const base = new URL(SHOWCASE_URL, location.href).href;
  return mountScenario(SHOWCASE_SCENARIO, await showcaseModule(), base);
}

/** Opens a scenario of a module in a fresh session and renders it as `<cp-player>` would. */
export async function mountScenario(
  activityId: string,
  module: Module = fixtureModule({ navigation: 'free' }),
  base?: string,
): Promise<Mounted> {
  const session = createSession(module, { clock: new SimulatedClock(), newSeed: () => 7919 });
  session.open(activityId);
  const scenario = module.activities.find((activity) => activity.id === activityId) as Scenario;
  const el = await fixture<CpScenario>(
    html`<cp-scenario
      .actor=${session.activity(activityId)}
      .scenario=${scenario}
      .policy=${resolvePolicy(module)}
      .base=${base}
    ></cp-scenario>`,
  );
  return { el, session };
}

const root = (el: CpScenario) => el.shadowRoot!;
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();

export const heading = (el: CpScenario) => text(root(el).querySelector('h2'));
export const liveRegion = (el: CpScenario) => root(el).querySelector('[role="status"]')!;
export const liveText = (el: CpScenario) => text(liveRegion(el)) ?? '';
export const focused = (el: CpScenario) => root(el).activeElement as HTMLElement | null;
export const focusedText = (el: CpScenario) => text(focused(el));

export function buttons(el: CpScenario): HTMLButtonElement[] {
  return [...root(el).querySelectorAll('button')];
}

export const choiceLabels = (el: CpScenario) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('button.choice')].map((b) => text(b)!);

export function button(el: CpScenario, name: string): HTMLButtonElement | undefined {
  return buttons(el).find((candidate) => text(candidate) === name);
}

/** Clicks the button with this accessible name (its text) and waits for the render. */
export async function press(el: CpScenario, name: string): Promise<void> {
  const target = button(el, name);
  if (!target) throw new Error(`no button "${name}" in: ${buttons(el).map((b) => text(b))}`);
  target.click();
  await el.updateComplete;
}

/** Takes a choice, then continues past its consequence. */
export async function decide(el: CpScenario, ...choices: string[]): Promise<void> {
  for (const choice of choices) {
    await press(el, choice);
    await press(el, 'Continue');
  }
}

/** Presses Tab until the button with this name has focus, as a keyboard user would. */
export async function tabTo(el: CpScenario, name: string, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    if (focused(el)?.tagName === 'BUTTON' && focusedText(el) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** Reaches a button with Tab and activates it with a key (Enter or Space). */
export async function activate(
  el: CpScenario,
  name: string,
  key: 'Enter' | 'Space' = 'Enter',
): Promise<void> {
  await tabTo(el, name);
  // Firefox over WebDriver BiDi knows the space bar only as the character it types.
  await sendKeys({ press: key === 'Space' ? ' ' : key });
  await el.updateComplete;
}

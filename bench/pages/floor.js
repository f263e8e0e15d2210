/**
 * The floor: the least a page built on the same three libraries can do with the same module
 * file. It fetches and parses the JSON (no validation), renders the current item as radios in
 * a Lit element driven by an XState machine, and saves each answer with one IndexedDB put.
 */
/* global URLSearchParams, customElements */
import { openDB } from 'idb';
import { html, LitElement } from 'lit';
import { assign, createActor, setup } from 'xstate';

const database = openDB('floor', 1, {
  upgrade: (db) => db.createObjectStore('responses', { keyPath: 'id' }),
});

const machine = setup({}).createMachine({
  context: ({ input }) => ({ items: input.items, index: 0, choice: undefined }),
  initial: 'answering',
  states: {
    answering: {
      on: {
        choose: { actions: assign({ choice: ({ event }) => event.optionId }) },
        submit: { target: 'answered', guard: ({ context }) => context.choice !== undefined },
      },
    },
    answered: {
      on: {
        next: {
          target: 'answering',
          actions: assign({ index: ({ context }) => context.index + 1, choice: undefined }),
        },
      },
    },
  },
});

class FloorQuestion extends LitElement {
  static properties = { snapshot: { state: true }, saved: { state: true } };

  constructor() {
    super();
    this.snapshot = undefined;
    this.saved = false;
    const url = new URLSearchParams(location.search).get('content');
    fetch(url)
      .then((response) => response.json())
      .then((module) => {
        this.actor = createActor(machine, { input: { items: module.activities[0].items } });
        this.actor.subscribe((snapshot) => (this.snapshot = snapshot));
        this.actor.start();
      });
  }

  async submit(event) {
    event.preventDefault();
    this.actor.send({ type: 'submit' });
    const { items, index, choice } = this.snapshot.context;
    const item = items[index];
    this.saved = false;
    const db = await database;
    await db.put('responses', {
      id: item.id,
      optionId: choice,
      correct: item.options.find((option) => option.id === choice)?.correct === true,
      at: Date.now(),
    });
    this.saved = true;
  }

  render() {
    if (!this.snapshot) return html`<p>Loading…</p>`;
    const { items, index, choice } = this.snapshot.context;
    const item = items[index];
    const answered = this.snapshot.matches('answered');
    return html`<form @submit=${this.submit}>
      <fieldset>
        <legend>Question ${index + 1} of ${items.length}: ${item.prompt}</legend>
        ${item.options.map(
          (option) =>
            html`<label
                ><input
                  type="radio"
                  name="choice"
                  .value=${option.id}
                  .checked=${choice === option.id}
                  ?disabled=${answered}
                  @change=${() => this.actor.send({ type: 'choose', optionId: option.id })}
                />
                ${option.text}</label
              ><br />`,
        )}
      </fieldset>
      ${
        answered
          ? html`<p class="save-state">${this.saved ? 'Saved' : 'Saving…'}</p>
              <button type="button" @click=${() => this.actor.send({ type: 'next' })}>Next</button>`
          : html`<button type="submit" ?disabled=${choice === undefined}>Submit</button>`
      }
    </form>`;
  }
}
customElements.define('floor-question', FloorQuestion);

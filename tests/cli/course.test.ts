/**
 * The shipped course: four modules on telling smuggling from trafficking and on identifying,
 * protecting and referring possible victims. Checks what a subject-matter reviewer would.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseModule } from '../../src/content/loader.ts';
import type { Item, Module, Quiz } from '../../src/content/schema.ts';
import { moduleProblems } from '../../src/engine/scenario-graph.ts';

const COURSE = [
  'two-crimes-one-route',
  'reading-the-signs',
  'decisions-at-the-checkpoint',
  'protect-and-refer',
];

/** Words a trauma-informed, non-stereotyping course never uses. */
const BANNED = [
  /\billegals\b/i,
  /\billegal (immigrant|alien|migrant)s?\b/i,
  /\bprostitutes?\b/i,
  /\bsex slaves?\b/i,
  /\bslave girls?\b/i,
  /\brescued?\b/i,
];

function load(id: string): Module {
  const path = fileURLToPath(new URL(`../../modules/${id}/module.json`, import.meta.url));
  const result = parseModule(readFileSync(path, 'utf8'));
  assert.ok(result.ok, `${id}: ${JSON.stringify(!result.ok && result.errors.slice(0, 3))}`);
  return result.module;
}

const modules = COURSE.map(load);
const quizzes = modules.flatMap((module) =>
  module.activities.filter((a): a is Quiz => a.type === 'quiz'),
);
const items = quizzes.flatMap((quiz) => quiz.items);

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The bold span a rationale opens with: the answer it declares. */
function declared(item: Item): string {
  const match = /^\*\*(.+?)\*\*/s.exec(item.rationale.trim());
  assert.ok(match, `${item.id}: the rationale must open with the answer in bold`);
  return match[1]!.trim();
}

const same = (a: string, b: string) =>
  a.replace(/[.\s]+$/, '').toLowerCase() === b.replace(/[.\s]+$/, '').toLowerCase();

describe('the course', () => {
  it('validates with no errors and no warnings, scenario analysis included', () => {
    for (const module of modules) {
      assert.deepEqual(moduleProblems(module), [], module.id);
    }
  });

  it('has at least 60 quiz items, each with a rationale and a source, and at least 6 scenarios', () => {
    assert.ok(items.length >= 60, `${items.length} items`);
    for (const item of items) {
      assert.ok(item.rationale.trim().length > 20, `${item.id}: rationale`);
      assert.ok((item.sources?.length ?? 0) >= 1, `${item.id}: no source`);
    }
    const scenarios = modules.flatMap((module) =>
      module.activities.filter((a) => a.type === 'scenario'),
    );
    assert.ok(scenarios.length >= 6, `${scenarios.length} scenarios`);
  });

  it("checks every item's key against the answer its rationale declares", () => {
    for (const item of items) {
      const answer = declared(item);
      switch (item.type) {
        case 'trueFalse':
          assert.ok(
            same(answer, item.answer ? 'True' : 'False'),
            `${item.id}: declares "${answer}"`,
          );
          break;
        case 'single': {
          const key = item.options.find((option) => option.correct)!;
          assert.ok(same(answer, key.text), `${item.id}: declares "${answer}", key "${key.text}"`);
          break;
        }
        case 'multiple': {
          const parts = answer.split(';').map((part) => part.trim());
          const keys = item.options.filter((option) => option.correct).map((option) => option.text);
          assert.equal(
            parts.length,
            keys.length,
            `${item.id}: declares ${parts.length} answers, key has ${keys.length}`,
          );
          for (const key of keys)
            assert.ok(
              parts.some((part) => same(part, key)),
              `${item.id}: "${key}" not declared`,
            );
          break;
        }
        case 'shortText':
          assert.ok(same(answer, item.accepted[0]!), `${item.id}: declares "${answer}"`);
          break;
        default:
          assert.ok(answer.length > 0);
      }
    }
  });

  it("resolves every cited source id to its module's source list", () => {
    for (const module of modules) {
      const listed = new Set((module.sources ?? []).map((source) => source.id));
      assert.ok(listed.size > 0, `${module.id}: no sources`);
      const cited = new Set(
        module.activities.flatMap((activity) =>
          activity.type === 'quiz' ? activity.items.flatMap((item) => item.sources ?? []) : [],
        ),
      );
      for (const id of cited) assert.ok(listed.has(id), `${module.id}: source ${id} is not listed`);
    }
  });

  it('never uses a term from the banned list', () => {
    for (const module of modules) {
      for (const text of strings(module)) {
        for (const pattern of BANNED) {
          assert.ok(
            !pattern.test(text),
            `${module.id}: "${pattern.source}" in "${text.slice(0, 120)}"`,
          );
        }
      }
    }
  });

  it('sets a pass mark of 80 %, objectives from LO1–LO20, a time estimate and content notes', () => {
    for (const module of modules) {
      assert.equal(module.assessment.passMark, 80, module.id);
      for (const objective of module.objectives) {
        assert.match(objective.id, /^LO([1-9]|1\d|20)$/, `${module.id}: ${objective.id}`);
      }
      assert.ok(module.estimatedMinutes >= 10, module.id);
      assert.ok((module.contentNotes?.length ?? 0) >= 1, `${module.id}: content note`);
    }
  });

  it('draws a different test on retry: every pool holds more items than it draws', () => {
    for (const quiz of quizzes) {
      assert.ok(quiz.draw, `${quiz.id}: no draw`);
      for (const draw of quiz.draw) {
        const pool = quiz.items.filter((item) => item.tags?.includes(draw.tag)).length;
        assert.ok(
          pool > draw.count,
          `${quiz.id}: pool ${draw.tag} has ${pool}, draws ${draw.count}`,
        );
      }
    }
  });
});

/**
 * Rules that look across fields: unique ids, references that resolve, keys that make sense,
 * pools large enough, a pass mark that can be reached, addresses that are safe. Runs on a
 * structurally valid module; every problem names its JSON path.
 */
import { error, warning, type PathSegment, type Problem } from './problems.ts';
import type { Item, Module, Quiz, Scenario } from './schema.ts';
import { safeUrl } from './url.ts';

type Path = readonly PathSegment[];

/** Reports every id that appears twice in a list, at the later place. */
function checkUnique(
  problems: Problem[],
  entries: readonly { id: string }[],
  path: Path,
  what: string,
  seen = new Map<string, Path>(),
): Map<string, Path> {
  entries.forEach((entry, index) => {
    const here = [...path, index, 'id'];
    const first = seen.get(entry.id);
    if (first) {
      problems.push(
        error(here, `duplicate ${what} id "${entry.id}" (first used at ${describe(first)})`),
      );
    } else {
      seen.set(entry.id, here);
    }
  });
  return seen;
}

function describe(path: Path): string {
  return error(path, '').path;
}

function checkUrl(problems: Problem[], url: string | undefined, path: Path, use: 'link' | 'media') {
  if (url !== undefined && safeUrl(url, use) === undefined) {
    const allowed = use === 'link' ? 'http(s), mailto or relative' : 'http(s) or relative';
    problems.push(error(path, `"${url.slice(0, 60)}" is not an allowed address (use ${allowed})`));
  }
}

function checkItem(problems: Problem[], item: Item, path: Path, sources: ReadonlySet<string>) {
  item.sources?.forEach((id, index) => {
    if (!sources.has(id)) {
      problems.push(
        error([...path, 'sources', index], `source "${id}" is not in the module's sources`),
      );
    }
  });
  switch (item.type) {
    case 'single': {
      checkUnique(problems, item.options, [...path, 'options'], 'option');
      const correct = item.options.filter((option) => option.correct).length;
      if (correct !== 1) {
        problems.push(
          error(
            [...path, 'options'],
            `a single-choice item needs exactly one correct option (this has ${correct})`,
          ),
        );
      }
      break;
    }
    case 'multiple':
      checkUnique(problems, item.options, [...path, 'options'], 'option');
      if (!item.options.some((option) => option.correct)) {
        problems.push(
          error([...path, 'options'], 'a multiple-response item needs at least one correct option'),
        );
      }
      break;
    case 'matching': {
      checkUnique(problems, item.pairs, [...path, 'pairs'], 'pair');
      const matches = new Set<string>();
      item.pairs.forEach((pair, index) => {
        if (matches.has(pair.match)) {
          problems.push(
            error(
              [...path, 'pairs', index, 'match'],
              `two pairs share the match "${pair.match.slice(0, 60)}", so the key is ambiguous`,
            ),
          );
        }
        matches.add(pair.match);
      });
      item.distractors?.forEach((distractor, index) => {
        if (matches.has(distractor)) {
          problems.push(
            error(
              [...path, 'distractors', index],
              'a distractor repeats one of the correct matches',
            ),
          );
        }
      });
      break;
    }
    case 'ordering':
      checkUnique(problems, item.steps, [...path, 'steps'], 'step');
      break;
    case 'shortText':
      item.accepted.forEach((answer, index) => {
        if (!answer.trim()) {
          problems.push(
            error([...path, 'accepted', index], 'an accepted answer must not be blank'),
          );
        }
      });
      break;
    case 'spotting':
      checkUnique(problems, item.cues, [...path, 'cues'], 'cue');
      if (!item.cues.some((cue) => cue.indicator)) {
        problems.push(
          error(
            [...path, 'cues'],
            'an indicator-spotting item needs at least one cue marked as an indicator',
          ),
        );
      }
      break;
    case 'trueFalse':
      break;
  }
}

function checkQuiz(problems: Problem[], quiz: Quiz, path: Path, module: Module) {
  const passMark = quiz.policy?.passMark ?? module.assessment.passMark;
  const drawn = new Set<Item>();
  let poolsLargeEnough = true;
  quiz.draw?.forEach((draw, index) => {
    const pool = quiz.items.filter((item) => item.tags?.includes(draw.tag));
    pool.forEach((item) => drawn.add(item));
    if (pool.length < draw.count) {
      poolsLargeEnough = false;
      problems.push(
        error(
          [...path, 'draw', index, 'count'],
          pool.length === 0
            ? `no item is tagged "${draw.tag}", so nothing can be drawn`
            : `draws ${draw.count} items tagged "${draw.tag}" but only ${pool.length} exist`,
        ),
      );
    }
  });
  if (quiz.draw) {
    const wanted = quiz.draw.reduce((sum, draw) => sum + draw.count, 0);
    if (poolsLargeEnough && wanted > drawn.size) {
      problems.push(
        error(
          [...path, 'draw'],
          `the draws ask for ${wanted} items in all but the tagged items number only ${drawn.size}`,
        ),
      );
    }
  }
  const candidates = quiz.draw ? [...drawn] : quiz.items;
  const weight = candidates.reduce((sum, item) => sum + (item.weight ?? 1), 0);
  if (passMark > 0 && candidates.length > 0 && weight === 0) {
    problems.push(
      error(
        [...path, 'items'],
        `every item has weight 0, so the pass mark of ${passMark} % can never be reached`,
      ),
    );
  }
}

function checkScenario(problems: Problem[], scenario: Scenario, path: Path) {
  const scenes = checkUnique(problems, scenario.scenes, [...path, 'scenes'], 'scene or ending');
  checkUnique(problems, scenario.endings, [...path, 'endings'], 'scene or ending', scenes);
  const sceneIds = new Set(scenario.scenes.map((scene) => scene.id));
  const endingIds = new Set(scenario.endings.map((ending) => ending.id));
  const flagsSet = new Set<string>();
  for (const scene of scenario.scenes) {
    for (const choice of scene.choices) choice.setFlags?.forEach((flag) => flagsSet.add(flag));
  }

  if (!sceneIds.has(scenario.start)) {
    problems.push(
      error(
        [...path, 'start'],
        endingIds.has(scenario.start)
          ? `"${scenario.start}" is an ending; a scenario must start at a scene`
          : `start scene "${scenario.start}" does not exist`,
      ),
    );
  }
  const critical = scenario.criticalEnding;
  if (critical !== undefined && !endingIds.has(critical)) {
    problems.push(
      error(
        [...path, 'criticalEnding'],
        sceneIds.has(critical)
          ? `"${critical}" is a scene; criticalEnding must name an ending`
          : `ending "${critical}" does not exist`,
      ),
    );
  }
  if (scenario.bands) {
    checkUnique(problems, scenario.bands, [...path, 'bands'], 'band');
  }

  const checkFlags = (flags: readonly string[] | undefined, at: Path) => {
    flags?.forEach((flag, index) => {
      if (!flagsSet.has(flag)) {
        problems.push(warning([...at, index], `no choice ever sets the flag "${flag}"`));
      }
    });
  };

  scenario.scenes.forEach((scene, sceneIndex) => {
    const scenePath = [...path, 'scenes', sceneIndex];
    checkUrl(problems, scene.image?.src, [...scenePath, 'image', 'src'], 'media');
    checkUnique(problems, scene.choices, [...scenePath, 'choices'], 'choice');
    scene.choices.forEach((choice, choiceIndex) => {
      const choicePath = [...scenePath, 'choices', choiceIndex];
      const target = (to: string, at: Path) => {
        if (!sceneIds.has(to) && !endingIds.has(to)) {
          problems.push(error(at, `"${to}" is neither a scene nor an ending of this scenario`));
        }
      };
      if (typeof choice.next === 'string') {
        target(choice.next, [...choicePath, 'next']);
      } else {
        choice.next.forEach((route, routeIndex) => {
          target(route.to, [...choicePath, 'next', routeIndex, 'to']);
          checkFlags(route.when?.flags, [...choicePath, 'next', routeIndex, 'when', 'flags']);
        });
        const last = choice.next.at(-1);
        if (last?.when) {
          problems.push(
            error(
              [...choicePath, 'next', choice.next.length - 1],
              'the last route must have no condition, so the scenario can always go on',
            ),
          );
        }
      }
      if (choice.critical && scenario.criticalEnding === undefined) {
        problems.push(
          error(
            [...choicePath, 'critical'],
            'a critical choice needs the scenario to name its criticalEnding',
          ),
        );
      }
      checkFlags(choice.when?.flags, [...choicePath, 'when', 'flags']);
    });
    if (scene.choices.every((choice) => choice.when)) {
      problems.push(
        error(
          [...scenePath, 'choices'],
          'every choice here has a condition, so a learner may find no choice at all',
        ),
      );
    }
  });
}

/** Cross-field checks for a structurally valid module. */
export function checkSemantics(module: Module): Problem[] {
  const problems: Problem[] = [];
  checkUnique(problems, module.objectives, ['objectives'], 'objective');
  checkUnique(problems, module.sources ?? [], ['sources'], 'source');
  checkUnique(problems, module.activities, ['activities'], 'activity');
  module.sources?.forEach((source, index) => {
    checkUrl(problems, source.url, ['sources', index, 'url'], 'link');
  });
  const objectives = new Set(module.objectives.map((objective) => objective.id));
  const sources = new Set((module.sources ?? []).map((source) => source.id));
  const items = new Map<string, Path>();
  let scored = 0;

  module.activities.forEach((activity, index) => {
    const path: Path = ['activities', index];
    activity.objectives?.forEach((id, objectiveIndex) => {
      if (!objectives.has(id)) {
        problems.push(
          error(
            [...path, 'objectives', objectiveIndex],
            `objective "${id}" is not in the module's objectives`,
          ),
        );
      }
    });
    switch (activity.type) {
      case 'lesson':
        checkUnique(problems, activity.pages, [...path, 'pages'], 'page');
        activity.pages.forEach((page, pageIndex) => {
          page.blocks.forEach((block, blockIndex) => {
            if (block.type === 'image') {
              checkUrl(
                problems,
                block.src,
                [...path, 'pages', pageIndex, 'blocks', blockIndex, 'src'],
                'media',
              );
            }
          });
        });
        break;
      case 'quiz':
        scored++;
        checkUnique(problems, activity.items, [...path, 'items'], 'item', items);
        activity.items.forEach((item, itemIndex) => {
          checkItem(problems, item, [...path, 'items', itemIndex], sources);
        });
        checkQuiz(problems, activity, path, module);
        break;
      case 'scenario':
        if (activity.mode === 'assessment') scored++;
        checkScenario(problems, activity, path);
        break;
    }
  });

  if (module.assessment.passMark > 0 && scored === 0) {
    problems.push(
      error(
        ['assessment', 'passMark'],
        `a pass mark of ${module.assessment.passMark} % needs a quiz or an assessed scenario, and this module has none`,
      ),
    );
  }
  return problems;
}

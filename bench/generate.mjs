/**
 * The same generated content for every contender: N single-choice items with four options each,
 * as a Checkpoint module (one quiz, feedback immediate, pass mark 80) and as a SurveyJS quiz
 * (one question per page, progress bar, correctAnswer set). Plus a scenario of N scenes for the
 * validation benchmark. Deterministic: the same N gives the same bytes.
 */

const LETTERS = ['a', 'b', 'c', 'd'];

/** A prompt and options of realistic length (about 200 characters of prompt, 40 per option). */
function itemText(i) {
  const n = i + 1;
  return {
    prompt: `Question ${n}. A traveller at the crossing point shows documents that look valid, but the companion answers every question for them and holds their passport. Which first step fits case ${n} best?`,
    options: [
      `Refer case ${n} discreetly to second line`,
      `Stamp the documents for case ${n} and move on`,
      `Question the companion about case ${n} in public`,
      `Ask the traveller in front of the companion (${n})`,
    ],
    rationale: `In case ${n}, several indicators from different groups appear together; a calm referral to second line lets a specialist speak with the traveller alone.`,
  };
}

export function checkpointModule(n, id = `bench-${n}`) {
  const items = [];
  for (let i = 0; i < n; i++) {
    const text = itemText(i);
    items.push({
      type: 'single',
      id: `q${i + 1}`,
      prompt: text.prompt,
      options: text.options.map((option, k) => ({
        id: LETTERS[k],
        text: option,
        ...(k === 0 ? { correct: true } : {}),
      })),
      rationale: text.rationale,
    });
  }
  return {
    schemaVersion: 1,
    id,
    version: '1.0.0',
    language: 'en',
    title: `Benchmark quiz with ${n} questions`,
    summary: `${n} single-choice questions with four options each, generated for the benchmark.`,
    objectives: [{ id: 'LO1', text: 'Answer every generated question.' }],
    estimatedMinutes: Math.max(1, Math.ceil(n / 2)),
    navigation: 'linear',
    assessment: { passMark: 80, attempts: 0, grading: 'best', feedback: 'immediate' },
    activities: [
      {
        type: 'quiz',
        id: 'quiz',
        title: `Quiz of ${n} questions`,
        items,
      },
    ],
  };
}

export function surveyJsQuiz(n) {
  const pages = [];
  for (let i = 0; i < n; i++) {
    const text = itemText(i);
    pages.push({
      name: `page${i + 1}`,
      elements: [
        {
          type: 'radiogroup',
          name: `q${i + 1}`,
          title: text.prompt,
          isRequired: true,
          choices: text.options.map((option, k) => ({ value: LETTERS[k], text: option })),
          correctAnswer: 'a',
        },
      ],
    });
  }
  return {
    title: `Benchmark quiz with ${n} questions`,
    description: `${n} single-choice questions with four options each, generated for the benchmark.`,
    showProgressBar: true,
    progressBarLocation: 'top',
    // "Answered k/N questions". The default type, 'pages', makes the first render grow with the
    // square of the page count (about 20 s at 400 pages on the benchmark machine, minutes at
    // 1,000); with one question per page both say the same thing, so SurveyJS gets the fast one.
    progressBarType: 'questions',
    questionsOrder: 'initial',
    checkErrorsMode: 'onNextPage',
    completedHtml: '<p>You got {correctAnswers} of {questionCount} right.</p>',
    pages,
  };
}

/**
 * A scenario of `scenes` scenes in a line, each with three choices: forward with a point,
 * forward without, or a detour that rejoins two scenes on. A flag set halfway and a conditional
 * route at the last scene give the analysis flags and scores to track; points are given every
 * 100 scenes so that the reachable (scene, flags, score) states stay in the tens of thousands.
 */
export function scenarioModule(scenes, id = `bench-scenario-${scenes}`) {
  const list = [];
  const half = Math.floor(scenes / 2);
  const sceneId = (i) => (i >= scenes ? 'end-good' : `s${i + 1}`);
  for (let i = 0; i < scenes; i++) {
    const scored = i % 100 === 0;
    const last = i === scenes - 1;
    const forward = last
      ? [{ when: { flags: ['halfway'] }, to: 'end-good' }, { to: 'end-mixed' }]
      : sceneId(i + 1);
    const choices = [
      {
        id: 'careful',
        text: `Take the careful step at scene ${i + 1}.`,
        next: forward,
        ...(scored ? { score: 1 } : {}),
        ...(i === half ? { setFlags: ['halfway'] } : {}),
        consequence: `Scene ${i + 1}: the careful step keeps the traveller safe.`,
      },
      {
        id: 'quick',
        text: `Take the quick step at scene ${i + 1}.`,
        next: forward,
        consequence: `Scene ${i + 1}: the quick step saves time but misses a sign.`,
        coaching: 'Slow down when several indicators appear together.',
      },
    ];
    if (i + 2 < scenes) {
      choices.push({
        id: 'detour',
        text: `Take the detour at scene ${i + 1}.`,
        next: sceneId(i + 2),
        consequence: `Scene ${i + 1}: the detour skips a scene.`,
      });
    }
    list.push({ id: sceneId(i), text: `Scene ${i + 1} of the generated scenario.`, choices });
  }
  return {
    schemaVersion: 1,
    id,
    version: '1.0.0',
    language: 'en',
    title: `Benchmark scenario with ${scenes} scenes`,
    summary: `A generated scenario of ${scenes} scenes for the validation benchmark.`,
    objectives: [{ id: 'LO1', text: 'Reach the end of the generated scenario.' }],
    estimatedMinutes: Math.max(1, Math.ceil(scenes / 4)),
    assessment: { passMark: 80, feedback: 'immediate' },
    activities: [
      {
        type: 'scenario',
        id: 'scenario',
        title: `Scenario of ${scenes} scenes`,
        mode: 'assessment',
        start: 's1',
        scenes: list,
        endings: [
          { id: 'end-good', title: 'Good ending', outcome: 'good', text: 'Well done.' },
          { id: 'end-mixed', title: 'Mixed ending', outcome: 'mixed', text: 'Partly right.' },
        ],
      },
    ],
  };
}

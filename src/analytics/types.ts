/**
 * What the trainer's analytics read and what they return. Everything here is plain data: the
 * functions in this folder are pure (no DOM, no IndexedDB), so they run in node, in a page and in
 * a worker, and their results can be posted between them or written to JSON as they are.
 *
 * Conventions for every output:
 * - rates, shares, facilities and scaled scores are numbers in [0, 1];
 * - a statistic that the data cannot define (a mean of nothing, a correlation with a constant) is
 *   `null`, never `NaN`; counts are integers ≥ 0;
 * - times are epoch milliseconds, durations milliseconds;
 * - lists come sorted in a stable order (stated on each field), so two runs print the same.
 */
import type { Module } from '../content/schema.ts';
import type {
  AttemptRecord,
  LearnerRecord,
  ProgressRecord,
  ResponseRecord,
} from '../storage/records.ts';

// ── input ─────────────────────────────────────────────────────────────────────────────────

/**
 * Records from one or more devices plus the module definitions they refer to. Records are the
 * storage records as a results file carries them (`ResultsFile` in storage/transfer.ts);
 * `responses` holds both item responses (`kind: 'item'`) and scenario decisions
 * (`kind: 'decision'`). Modules give item texts, options, keys, tags, scenes and choices; an
 * analysis still runs without them (ids are shown instead of texts, and a module's activities
 * are the ones seen in its attempts).
 */
export interface Dataset {
  readonly learners: readonly LearnerRecord[];
  readonly progress: readonly ProgressRecord[];
  readonly attempts: readonly AttemptRecord[];
  readonly responses: readonly ResponseRecord[];
  readonly modules: readonly Module[];
}

/** Reading a results file (parsed JSON or its text) into a dataset. */
export type ParsedResults =
  | {
      readonly ok: true;
      readonly dataset: Dataset;
      /** Records that failed the storage schema: skipped, named by store and position. */
      readonly invalid: readonly {
        readonly store: 'learners' | 'progress' | 'attempts' | 'responses';
        readonly index: number;
        readonly reason: string;
      }[];
    }
  | {
      readonly ok: false;
      /** Why the file as a whole was refused. */
      readonly problem: 'not-json' | 'wrong-format' | 'newer-format';
      readonly message: string;
    };

/**
 * Which quiz attempts and scenario runs feed the item, scenario and tag analyses:
 * - `first`: each learner's first attempt at each activity (by attempt number, then start
 *   time) — the default, as in Moodle's quiz statistics: later attempts are shaped by the
 *   feedback of earlier ones, so they say less about the question;
 * - `last`: each learner's latest attempt;
 * - `all`: every attempt.
 * Learner summaries always read every attempt.
 */
export type AttemptSelection = 'first' | 'last' | 'all';

export interface AnalysisOptions {
  /** Default `first`. */
  readonly attempts?: AttemptSelection;
  /**
   * Whether attempts not ended yet enter the item, scenario and tag analyses. Default false: as
   * in Moodle, only finished attempts count, since an unfinished attempt's total is no score.
   * The selection (`attempts`) applies to the attempts that are left.
   */
  readonly includeUnfinished?: boolean;
  /** Only this module (all modules when absent). */
  readonly moduleId?: string;
  /** Only records of this content version (all versions when absent). */
  readonly version?: string;
  /** Equal-width bins of the score distribution over [0, 1]. Default 10. */
  readonly scoreBins?: number;
  /** How many of the most common scenario paths to list. Default 5. */
  readonly topPaths?: number;
  /** Overrides of the item flag thresholds (`ITEM_FLAG_THRESHOLDS`). */
  readonly thresholds?: Partial<ItemFlagThresholds>;
}

// ── learners ──────────────────────────────────────────────────────────────────────────────

/**
 * Where a learner stands in a module:
 * - `not-started`: no attempt and no saved progress;
 * - `in-progress`: started, but some quiz or scenario has no ended attempt yet;
 * - `passed` / `failed`: every quiz and scenario has an ended attempt, and the module score
 *   (below) reaches / misses the module's pass mark;
 * - `completed`: every quiz and scenario has an ended attempt and none is scored (practice
 *   scenarios only).
 * Lessons write no attempts, so they do not enter the status (a module of lessons only shows
 * `in-progress` once started).
 */
export type LearnerStatus = 'not-started' | 'in-progress' | 'passed' | 'failed' | 'completed';

/** One learner at one activity (quiz or scenario) of a module. */
export interface LearnerActivitySummary {
  readonly activityId: string;
  readonly activityTitle: string;
  readonly kind: 'quiz' | 'scenario';
  /** Attempts started (ended or not). */
  readonly attempts: number;
  readonly endedAttempts: number;
  /** Highest scaled score of the ended attempts, or null. */
  readonly bestScore: number | null;
  /** Scaled score of the latest ended attempt, or null. */
  readonly lastScore: number | null;
  /** Scaled score under the activity's grading rule (best / last / first), or null. */
  readonly gradedScore: number | null;
  readonly passed: boolean | null;
}

/** One learner in one module (all content versions together). */
export interface LearnerModuleSummary {
  readonly learnerId: string;
  /** The learner's name, or the id when the learner record is missing. */
  readonly learnerName: string;
  readonly moduleId: string;
  readonly moduleTitle: string;
  readonly status: LearnerStatus;
  /** Quiz attempts and scenario runs started, over all activities. */
  readonly attempts: number;
  /**
   * The module score, as the engine computes it: the mean of the scored activities' scaled
   * scores, an activity without an ended attempt counting 0. `bestScore` takes each activity's
   * best attempt, `lastScore` its latest, `score` the attempt its grading rule picks. Null when
   * the module has no scored activity or nothing has ended.
   */
  readonly score: number | null;
  readonly bestScore: number | null;
  readonly lastScore: number | null;
  /**
   * Sum over attempts of (end − start); an attempt not ended counts up to its last response.
   */
  readonly timeSpent: number;
  readonly startedAt: number | null;
  /** Last start, end or response seen. */
  readonly lastActiveAt: number | null;
  /**
   * When the status first became passed / failed / completed: the latest of the activities'
   * first ended attempts. Null while in progress.
   */
  readonly completedAt: number | null;
  /** Sorted as the module lists its activities, then by id. */
  readonly activities: readonly LearnerActivitySummary[];
}

// ── modules ───────────────────────────────────────────────────────────────────────────────

export interface ScoreBin {
  /** Inclusive lower bound, scaled. */
  readonly from: number;
  /** Upper bound, scaled: exclusive, except the last bin, which includes 1. */
  readonly to: number;
  readonly count: number;
}

export interface ModuleSummary {
  readonly moduleId: string;
  readonly moduleTitle: string;
  /**
   * Learner rows of the module: learners with an attempt, a response or progress in it, plus
   * every other learner record of the dataset as `not-started`.
   */
  readonly learners: number;
  readonly statusCounts: Readonly<Record<LearnerStatus, number>>;
  /** (passed + failed + completed) / learners; 0 when there are none. */
  readonly completionRate: number;
  /** passed / (passed + failed): among learners who finished a scored module. Null if none. */
  readonly passRate: number | null;
  /** Mean and median of the learners' module scores (`score`), null when none has one. */
  readonly meanScore: number | null;
  readonly medianScore: number | null;
  /** Learners' module scores (`score`) in `scoreBins` equal bins. */
  readonly scoreDistribution: readonly ScoreBin[];
  /** Median time spent of the learners who finished (status not in progress), or null. */
  readonly medianTime: number | null;
}

// ── items ─────────────────────────────────────────────────────────────────────────────────

/** Named thresholds for item flags; see `ITEM_FLAG_THRESHOLDS` for the values used. */
export interface ItemFlagThresholds {
  /** Facility above this flags an item `too-easy`. */
  readonly tooEasyAbove: number;
  /** Facility below this flags an item `too-hard`. */
  readonly tooHardBelow: number;
  /** Discrimination index or point-biserial below this flags `negative-discrimination`. */
  readonly negativeDiscriminationBelow: number;
  /** Share of each end of the ranking that forms the upper and lower groups. */
  readonly groupShare: number;
}

export type ItemFlag = 'too-easy' | 'too-hard' | 'negative-discrimination';

/** How often one option (or cue, or true/false value, or distinct answer) was chosen. */
export interface OptionCount {
  /** Option or cue id; `true` / `false`; or the answer text for free and ordered answers. */
  readonly id: string;
  readonly text: string;
  /** Part of the key (null when the module is unknown). */
  readonly correct: boolean | null;
  readonly count: number;
  /** count / responses of the item. */
  readonly share: number;
}

/**
 * Classical test theory for one quiz item, over the analysed attempts (see `AttemptSelection`)
 * that presented it. An item score is its scaled credit in [0, 1]; an attempt's total is the sum
 * of its items' raw scores (weights included). When an item was retried within an attempt the
 * last answer counts.
 */
export interface ItemAnalysis {
  readonly moduleId: string;
  readonly activityId: string;
  readonly itemId: string;
  readonly itemType: string | null;
  /** The prompt's text (markdown), or the item id when the module is unknown. */
  readonly prompt: string;
  readonly tags: readonly string[];
  /** Attempts that answered the item. */
  readonly responses: number;
  /** Responses with full credit. */
  readonly correct: number;
  /** Mean item score (Moodle's facility index F), null without responses. */
  readonly facility: number | null;
  /** Sample standard deviation of the item score (n − 1), null below two responses. */
  readonly sd: number | null;
  /**
   * Upper group mean item score − lower group mean: the groups are the top and bottom
   * `groupShare` (27 %) of the attempts ranked by total score, each at least one attempt. Null
   * below two responses or when every total is the same (no ranking to split).
   */
  readonly discriminationIndex: number | null;
  /**
   * Pearson correlation of item score with total score (the point-biserial for items scored
   * right/wrong). Null when either is constant or there are fewer than two responses.
   */
  readonly pointBiserial: number | null;
  /**
   * Correlation of item score with the rest of the attempt (total minus this item) — what
   * Moodle calls the discrimination index. Null as above.
   */
  readonly correctedPointBiserial: number | null;
  /**
   * Moodle's discrimination efficiency: the covariance of item and rest-of-attempt scores over
   * the largest covariance their distributions allow. Null when that maximum is 0.
   */
  readonly discriminationEfficiency: number | null;
  /** Mean latency in milliseconds, null without responses. */
  readonly meanLatency: number | null;
  /** Options in the module's order (options never chosen included), then unknown answers. */
  readonly options: readonly OptionCount[];
  readonly flags: readonly ItemFlag[];
}

// ── scenarios ─────────────────────────────────────────────────────────────────────────────

export interface ChoiceStatistics {
  readonly choiceId: string;
  readonly text: string;
  /** Marked critical in the module, or seen critical in a decision. */
  readonly critical: boolean;
  readonly count: number;
  /** count / decisions at the scene. */
  readonly share: number;
  /** Decisions for this choice recorded as critical. */
  readonly criticalCount: number;
  /** criticalCount / count; 0 when never chosen. */
  readonly criticalRate: number;
  /** Mean score delta of the decisions, or the module's score (0) when never chosen. */
  readonly meanScoreDelta: number;
}

export interface SceneStatistics {
  readonly sceneId: string;
  readonly title: string;
  readonly decisions: number;
  /** Critical decisions / decisions at this scene; 0 when none. */
  readonly criticalRate: number;
  /** The module's choices in order (never chosen included), then unknown ones. */
  readonly choices: readonly ChoiceStatistics[];
}

export interface EndingCount {
  readonly endingId: string;
  readonly title: string;
  readonly outcome: 'good' | 'mixed' | 'harmful' | null;
  readonly count: number;
  /** count / ended runs. */
  readonly share: number;
}

export interface PathCount {
  /** Choice ids in the order taken. */
  readonly path: readonly string[];
  readonly count: number;
  /** count / ended runs. */
  readonly share: number;
}

export interface ScenarioAnalysis {
  readonly moduleId: string;
  readonly activityId: string;
  readonly title: string;
  /** Runs analysed (see `AttemptSelection` and `includeUnfinished`). */
  readonly runs: number;
  /** Of those, the runs that reached an ending. */
  readonly endedRuns: number;
  /** Ended runs with a critical decision. */
  readonly criticalRuns: number;
  readonly scenes: readonly SceneStatistics[];
  /** Endings reached: the module's endings in order (never reached included), then unknown ones. */
  readonly endings: readonly EndingCount[];
  readonly outcomes: Readonly<Record<'good' | 'mixed' | 'harmful', number>>;
  /** The `topPaths` most common paths, most common first, ties by path. */
  readonly paths: readonly PathCount[];
}

// ── tags ──────────────────────────────────────────────────────────────────────────────────

/**
 * Mastery of one tag (such as `indicator:document-control`) over the analysed attempts. An
 * item response masters its tags when it has full credit; a scenario decision when it is not
 * critical and its score delta is ≥ 0.
 */
export interface TagMastery {
  readonly tag: string;
  /** The part before ":" (`indicator`, `concept`), or "" for a plain tag. */
  readonly kind: string;
  readonly itemResponses: number;
  readonly itemsMastered: number;
  readonly decisions: number;
  readonly decisionsMastered: number;
  /** (itemsMastered + decisionsMastered) / (itemResponses + decisions), null when both are 0. */
  readonly mastery: number | null;
  readonly itemMastery: number | null;
  readonly decisionMastery: number | null;
  /** Learners with at least one response or decision carrying the tag. */
  readonly learners: number;
}

// ── everything ────────────────────────────────────────────────────────────────────────────

export interface AnalyticsReport {
  /** Sorted by module id, then learner name, then learner id. */
  readonly learners: readonly LearnerModuleSummary[];
  /** Sorted by module id. */
  readonly modules: readonly ModuleSummary[];
  /** Sorted by module, then the module's activity and item order, then id. */
  readonly items: readonly ItemAnalysis[];
  /** Sorted by module, then the module's activity order. */
  readonly scenarios: readonly ScenarioAnalysis[];
  /** Sorted by tag. */
  readonly tags: readonly TagMastery[];
}

// ── synthetic data ────────────────────────────────────────────────────────────────────────

export interface GeneratorOptions {
  readonly learners: number;
  readonly items: number;
  /** Seed of the pseudo-random generator: the same options give the same dataset. */
  readonly seed?: number;
  /** Decisions per scenario run (a scenario of this many scenes, 3 choices each); 0 for none. */
  readonly scenes?: number;
  /** Quiz attempts per learner (1 unless given). */
  readonly attemptsPerLearner?: number;
  /** Epoch milliseconds of the first attempt. Default 2026-01-01T00:00:00Z. */
  readonly start?: number;
}

// ── CSV ───────────────────────────────────────────────────────────────────────────────────

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => CsvValue;
}

export interface CsvOptions {
  /** Starts the text with U+FEFF so that spreadsheet programs read it as UTF-8. Default false. */
  readonly bom?: boolean;
  /** Prefix formula-like text cells with an apostrophe (see csv.ts). Default true. */
  readonly neutraliseFormulas?: boolean;
}

/**
 * The SCORM run-time APIs as a content object sees them, and one guarded way to call either.
 * Every value crossing the API is a string; an LMS signals failure by returning "false" (or an
 * empty string from a read) and leaving a code other than "0" for `GetLastError`.
 */

/** The SCORM 1.2 API object (`window.API`). */
export interface Scorm12Api {
  LMSInitialize(parameter: ''): string;
  LMSFinish(parameter: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(parameter: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

/** The SCORM 2004 API object (`window.API_1484_11`). */
export interface Scorm2004Api {
  Initialize(parameter: ''): string;
  Terminate(parameter: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(parameter: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

/** The calls both editions share, under one set of names. */
export interface ScormCalls {
  initialize(): unknown;
  terminate(): unknown;
  getValue(element: string): unknown;
  setValue(element: string, value: string): unknown;
  commit(): unknown;
  lastError(): unknown;
  errorString(code: string): unknown;
}

export const scorm12Calls = (api: Scorm12Api): ScormCalls => ({
  initialize: () => api.LMSInitialize(''),
  terminate: () => api.LMSFinish(''),
  getValue: (element) => api.LMSGetValue(element),
  setValue: (element, value) => api.LMSSetValue(element, value),
  commit: () => api.LMSCommit(''),
  lastError: () => api.LMSGetLastError(),
  errorString: (code) => api.LMSGetErrorString(code),
});

export const scorm2004Calls = (api: Scorm2004Api): ScormCalls => ({
  initialize: () => api.Initialize(''),
  terminate: () => api.Terminate(''),
  getValue: (element) => api.GetValue(element),
  setValue: (element, value) => api.SetValue(element, value),
  commit: () => api.Commit(''),
  lastError: () => api.GetLastError(),
  errorString: (code) => api.GetErrorString(code),
});

/** Where an edition's API object lives in a window, the methods that make it one, and its calls. */
export interface ApiKind {
  readonly version: '1.2' | '2004';
  readonly property: 'API' | 'API_1484_11';
  /** The methods an object must have to be taken for this API (an LMS may leave out others). */
  readonly methods: readonly string[];
  calls(api: object): ScormCalls;
}

export const SCORM_12_API: ApiKind = {
  version: '1.2',
  property: 'API',
  methods: ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue'],
  calls: (api) => scorm12Calls(api as Scorm12Api),
};

export const SCORM_2004_API: ApiKind = {
  version: '2004',
  property: 'API_1484_11',
  methods: ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit'],
  calls: (api) => scorm2004Calls(api as Scorm2004Api),
};

/** Why a call failed, for an administrator: the code, the LMS's words, and what was asked. */
export type CallFailure = (detail: string) => void;

/** What a channel tells its session: a refused call, or that the API has gone away. */
export interface ChannelEvents {
  readonly fail: CallFailure;
  /** Told once, with why: no call is made after it. */
  readonly lost: (reason: string) => void;
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Calls through `calls` and never throws. A throw, a "false" from a call that answers
 * "true"/"false", or a last error other than "0" is reported to `fail`; reads whose code is in
 * `quietReadCodes` (an element the LMS does not implement or has no value for) are not failures.
 *
 * An API can also go away under a running session: its window closed or navigated (`gone` says
 * so, from where the API was found), its methods deleted, or every call throwing, even
 * `GetLastError`, once it has answered before. That is told once to `lost`, not as a refusal, and
 * the channel makes no call after it. An API that has never answered is broken rather than gone:
 * it is still offered every call.
 */
export class ScormChannel {
  private readonly calls: ScormCalls;
  private readonly events: ChannelEvents;
  private readonly quietReadCodes: ReadonlySet<string>;
  private readonly gone: () => string | undefined;
  /** A call has returned without throwing: the API was there. */
  private answered = false;
  private lostFor: string | undefined;

  constructor(
    calls: ScormCalls,
    events: ChannelEvents,
    quietReadCodes: readonly string[],
    gone: () => string | undefined = () => undefined,
  ) {
    this.calls = calls;
    this.events = events;
    this.quietReadCodes = new Set(quietReadCodes);
    this.gone = gone;
  }

  /** Why the API is gone, once it is. */
  get lost(): string | undefined {
    return this.lostFor;
  }

  /** False once the API has gone away (found now or before). */
  present(): boolean {
    if (this.lostFor === undefined) {
      const reason = this.gone();
      if (reason !== undefined) this.lose(reason);
    }
    return this.lostFor === undefined;
  }

  initialize(): boolean {
    return this.act('Initialize', () => this.calls.initialize());
  }

  terminate(): boolean {
    return this.act('Terminate', () => this.calls.terminate());
  }

  commit(): boolean {
    return this.act('Commit', () => this.calls.commit());
  }

  set(element: string, value: string): boolean {
    return this.act(`SetValue ${element}`, () => this.calls.setValue(element, value));
  }

  /** The element's value, or undefined when the LMS has none or refused the read. */
  get(element: string): string | undefined {
    if (this.lostFor !== undefined) return undefined;
    let value: unknown;
    try {
      value = this.calls.getValue(element);
    } catch (error) {
      this.threw(`GetValue ${element}`, error);
      return undefined;
    }
    this.answered = true;
    const code = this.lastError();
    if (code !== '0') {
      if (!this.quietReadCodes.has(code)) {
        this.events.fail(this.explain(`GetValue ${element}`, code));
      }
      return undefined;
    }
    return typeof value === 'string' ? value : value == null ? undefined : String(value);
  }

  private act(what: string, call: () => unknown): boolean {
    if (this.lostFor !== undefined) return false;
    let result: unknown;
    try {
      result = call();
    } catch (error) {
      this.threw(what, error);
      return false;
    }
    this.answered = true;
    const code = this.lastError();
    if (code !== '0') {
      this.events.fail(this.explain(what, code));
      return false;
    }
    if (String(result) !== 'true') {
      this.events.fail(`${what} returned ${JSON.stringify(result)}`);
      return false;
    }
    return true;
  }

  /** A refusal, unless the API has gone: then the loss alone is told. */
  private threw(what: string, error: unknown): void {
    const detail = `${what} threw ${describe(error)}`;
    const reason = this.gone() ?? (this.answered && this.silent() ? detail : undefined);
    if (reason === undefined) this.events.fail(detail);
    else this.lose(reason);
  }

  /** Nothing answers: even the error query throws. */
  private silent(): boolean {
    try {
      this.calls.lastError();
      return false;
    } catch {
      return true;
    }
  }

  private lose(reason: string): void {
    this.lostFor = reason;
    this.events.lost(reason);
  }

  /** "0" when the LMS reports no error (or cannot say: an empty answer counts as none). */
  private lastError(): string {
    try {
      const code = this.calls.lastError();
      const text = code == null ? '' : String(code).trim();
      return text === '' ? '0' : text;
    } catch (error) {
      this.events.fail(`GetLastError threw ${describe(error)}`);
      return '0';
    }
  }

  private explain(what: string, code: string): string {
    let text = '';
    try {
      const answer = this.calls.errorString(code);
      text = answer == null ? '' : String(answer);
    } catch {
      // The code alone still says what happened.
    }
    return `${what}: error ${code}${text ? ` (${text})` : ''}`;
  }
}

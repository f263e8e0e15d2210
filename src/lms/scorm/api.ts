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

/** Why a call failed, for an administrator: the code, the LMS's words, and what was asked. */
export type CallFailure = (detail: string) => void;

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Calls through `calls` and never throws. A throw, a "false" from a call that answers
 * "true"/"false", or a last error other than "0" is reported to `fail`; reads whose code is in
 * `quietReadCodes` (an element the LMS does not implement or has no value for) are not failures.
 */
export class ScormChannel {
  private readonly calls: ScormCalls;
  private readonly fail: CallFailure;
  private readonly quietReadCodes: ReadonlySet<string>;

  constructor(calls: ScormCalls, fail: CallFailure, quietReadCodes: readonly string[]) {
    this.calls = calls;
    this.fail = fail;
    this.quietReadCodes = new Set(quietReadCodes);
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
    let value: unknown;
    try {
      value = this.calls.getValue(element);
    } catch (error) {
      this.fail(`GetValue ${element} threw ${describe(error)}`);
      return undefined;
    }
    const code = this.lastError();
    if (code !== '0') {
      if (!this.quietReadCodes.has(code)) this.fail(this.explain(`GetValue ${element}`, code));
      return undefined;
    }
    return typeof value === 'string' ? value : value == null ? undefined : String(value);
  }

  private act(what: string, call: () => unknown): boolean {
    let result: unknown;
    try {
      result = call();
    } catch (error) {
      this.fail(`${what} threw ${describe(error)}`);
      return false;
    }
    const code = this.lastError();
    if (code !== '0') {
      this.fail(this.explain(what, code));
      return false;
    }
    if (String(result) !== 'true') {
      this.fail(`${what} returned ${JSON.stringify(result)}`);
      return false;
    }
    return true;
  }

  /** "0" when the LMS reports no error (or cannot say: an empty answer counts as none). */
  private lastError(): string {
    try {
      const code = this.calls.lastError();
      const text = code == null ? '' : String(code).trim();
      return text === '' ? '0' : text;
    } catch (error) {
      this.fail(`GetLastError threw ${describe(error)}`);
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

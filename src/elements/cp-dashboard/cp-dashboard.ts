import { localized, msg, str } from '@lit/localize';
import { answerCount, attemptCount, learnerCount } from './counts.ts';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { SourceKind } from '../../analytics/sources/index.ts';
import type { Module } from '../../content/schema.ts';
import { baseStyles } from '../shared/styles.ts';
import { findCertificate } from './certificates.ts';
import { renderCertificates, type Verification } from './certificates-view.ts';
import { dashboardStyles } from './cp-dashboard.styles.ts';
import { tableStyles } from './data-table.styles.ts';
import {
  NO_HISTORY,
  type DashboardData,
  type LearnerHistory,
  type Loaded,
  type SourceSpec,
} from './data.ts';
import { indexHistory, type HistoryIndex } from './history.ts';
import { itemFilter, NO_ITEM_FILTERS, renderItems, type ItemFilters } from './items-view.ts';
import { renderLearner } from './learner-view.ts';
import { learnerFilter, NO_FILTERS, renderLearners, type LearnerFilters } from './learners-view.ts';
import { memo } from './memo.ts';
import { renderOverview } from './overview-view.ts';
import { renderScenarios } from './scenarios-view.ts';
import { renderSourcePicker, type LrsQuery } from './source-picker.ts';
import { renderStatus, type Phase } from './status-view.ts';
import { renderTags } from './tags-view.ts';
import { VIEWS, viewLabel, type View } from './views.ts';
import { workerData } from './worker-data.ts';

type Ready = Extract<Loaded, { ok: true }>;

/**
 * The trainer's dashboard: results from this device, from results files exported by learners'
 * devices, or from an LRS; an overview per module, every learner (sortable, filterable,
 * searchable, paged), item analysis with flags, scenario decisions, mastery per tag, one
 * learner's full history, and the certificates issued with a code check. Every table exports
 * as CSV. Reading and analysis run in a worker where one can start, else in the page.
 *
 * Module definitions (`modules`) give the tables item texts, options, scenes and choices, and
 * give LRS statements their item types; without them the dashboard still works and shows ids.
 *
 * @summary Scores, item analysis and scenario decisions for trainers.
 * @event cp-dashboard-loaded - Results were read and analysed; `detail.time` is the analysis time in ms.
 * @csspart table - Each table.
 * @csspart chart - Each bar chart.
 * @cssproperty --cp-dashboard-max-width - The dashboard's maximum width (80rem).
 * @cssproperty --cp-color-accent - Buttons, links and bars.
 */
@localized()
@customElement('cp-dashboard')
export class CpDashboard extends LitElement {
  static override styles = [baseStyles, tableStyles, dashboardStyles];

  @query('#view-heading') private viewHeading?: HTMLElement;

  @state() private sourceKind: SourceKind = 'device';
  @state() private phase: Phase = { kind: 'idle' };
  @state() private view: View = 'overview';
  @state() private dragging = false;
  @state() private learnerFilters: LearnerFilters = NO_FILTERS;
  @state() private itemFilters: ItemFilters = NO_ITEM_FILTERS;
  @state() private learnerId: string | undefined;
  @state() private history: LearnerHistory = NO_HISTORY;
  @state() private learnerSearch = '';
  @state() private verification: Verification = { state: 'idle' };

  /** The IndexedDB database "This device" reads (default "checkpoint", as the player uses). */
  @property({ attribute: 'storage-name' }) storageName?: string;
  /** The modules the results belong to, for texts (item prompts, options, scenes, choices). */
  @property({ attribute: false }) modules: readonly Module[] = [];

  private data: DashboardData | undefined;
  private readonly filterLearners = learnerFilter();
  private readonly filterItems = itemFilter();
  private readonly summariesOf = memo((ready: Ready, learnerId: string | undefined) =>
    ready.report.learners.filter((row) => row.learnerId === learnerId),
  );
  private loads = 0;
  private focusView = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.data ??= workerData();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moved in the DOM, the element reconnects at once and keeps its data; removed, it lets go
    // of the worker and of the records it holds.
    setTimeout(() => {
      if (this.isConnected) return;
      this.loads++;
      this.data?.close();
      this.data = undefined;
      this.phase = { kind: 'idle' };
    });
  }

  protected override updated(_changed: PropertyValues): void {
    if (!this.focusView) return;
    this.focusView = false;
    this.viewHeading?.focus();
  }

  private async load(source: SourceSpec): Promise<void> {
    const load = ++this.loads;
    this.data ??= workerData();
    this.phase = { kind: 'loading' };
    const loaded = await this.data.load(source, this.modules);
    if (load !== this.loads) return;
    Object.assign(this, {
      learnerId: undefined,
      history: NO_HISTORY,
      learnerFilters: NO_FILTERS,
      itemFilters: NO_ITEM_FILTERS,
      verification: { state: 'idle' },
    });
    this.phase = loaded.ok
      ? { kind: 'ready', loaded, index: indexHistory(loaded.report, this.modules, loaded.names) }
      : { kind: 'error', loaded };
    this.focusView = true;
    if (loaded.ok) {
      this.dispatchEvent(
        new CustomEvent('cp-dashboard-loaded', {
          detail: { time: loaded.time },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }

  private readonly readDevice = () =>
    void this.load({ kind: 'device', ...(this.storageName ? { name: this.storageName } : {}) });

  private readonly readFiles = (files: readonly File[]) => void this.load({ kind: 'files', files });

  private readonly queryLrs = (query: LrsQuery) => void this.load({ kind: 'lrs', ...query });

  private show(view: View): void {
    this.view = view;
    this.focusView = true;
  }

  private readonly openLearner = async (learnerId: string) => {
    const load = this.loads;
    this.learnerId = learnerId;
    this.learnerSearch = '';
    this.history = NO_HISTORY;
    this.show('learner');
    const history = (await this.data?.history(learnerId)) ?? NO_HISTORY;
    if (load === this.loads && this.learnerId === learnerId) this.history = history;
  };

  private readonly verify = async (certificates: Ready['certificates'], code: string) => {
    this.verification = { state: 'checking' };
    const found = await findCertificate(certificates, code);
    const typed = code.trim();
    this.verification = found
      ? { state: 'valid', code: typed, certificate: found }
      : { state: 'invalid', code: typed };
  };

  private renderView(ready: Ready, index: HistoryIndex): TemplateResult {
    const { report } = ready;
    const modules = [...index.modules].map(([id, title]) => ({ id, title }));
    switch (this.view) {
      case 'overview':
        return renderOverview(report.modules);
      case 'learners':
        return renderLearners({
          learners: report.learners,
          rows: this.filterLearners(report.learners, this.learnerFilters),
          modules,
          filters: this.learnerFilters,
          onFilters: (filters) => (this.learnerFilters = filters),
          onOpenLearner: this.openLearner,
        });
      case 'items':
        return renderItems({
          items: report.items,
          rows: this.filterItems(report.items, this.itemFilters),
          modules,
          filters: this.itemFilters,
          onFilters: (filters) => (this.itemFilters = filters),
        });
      case 'scenarios':
        return renderScenarios(report.scenarios);
      case 'tags':
        return renderTags(report.tags);
      case 'learner':
        return renderLearner(
          {
            index,
            learnerId: this.learnerId,
            summaries: this.summariesOf(ready, this.learnerId),
            search: this.learnerSearch,
            onSearch: (search) => (this.learnerSearch = search),
            onOpen: this.openLearner,
          },
          this.history,
        );
      case 'certificates':
        return renderCertificates({
          certificates: ready.certificates,
          verification: this.verification,
          onVerify: (code) => void this.verify(ready.certificates, code),
        });
    }
  }

  private renderResults(ready: Ready, index: HistoryIndex): TemplateResult {
    const { counts } = ready;
    return html`<p>
        ${msg(
          str`${learnerCount(counts.learners)}, ${attemptCount(counts.attempts)}, ${answerCount(counts.responses)}.`,
        )}
      </p>
      <nav aria-label=${msg('Dashboard views')}>
        <ul class="views">
          ${VIEWS.map(
            (view) =>
              html`<li>
                <button
                  aria-current=${this.view === view ? 'page' : nothing}
                  @click=${() => this.show(view)}
                >
                  ${viewLabel(view)}
                </button>
              </li>`,
          )}
        </ul>
      </nav>
      <section aria-labelledby="view-heading">
        <h2 id="view-heading" tabindex="-1">${viewLabel(this.view)}</h2>
        ${this.renderView(ready, index)}
      </section>`;
  }

  override render() {
    const { phase } = this;
    return html`<h1>${msg('Trainer dashboard')}</h1>
      ${renderSourcePicker({
        kind: this.sourceKind,
        busy: phase.kind === 'loading',
        dragging: this.dragging,
        onKind: (kind) => (this.sourceKind = kind),
        onDevice: this.readDevice,
        onFiles: this.readFiles,
        onDragging: (dragging) => (this.dragging = dragging),
        onLrs: this.queryLrs,
      })}
      ${renderStatus(phase)}
      ${phase.kind === 'ready' ? this.renderResults(phase.loaded, phase.index) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-dashboard': CpDashboard;
  }
}

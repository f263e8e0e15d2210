import { css } from 'lit';

/** Tables: the dashboard's own and every `<cp-dashboard-table>`. */
export const tableStyles = css`
  @media (prefers-color-scheme: dark) {
    :host {
      color-scheme: dark;
    }
  }
  .table-tools {
    display: flex;
    justify-content: flex-end;
    margin-block: 0.5rem;
  }
  .table-scroll {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 700;
    padding-block: 0.5rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.35rem 0.6rem;
    border-block-end: 1px solid var(--_border);
    vertical-align: top;
  }
  tbody th {
    font-weight: 600;
  }
  .numeric {
    text-align: end;
  }
  thead th {
    padding: 0;
    white-space: nowrap;
  }
  button.sort {
    border: none;
    border-radius: 0;
    background: none;
    color: inherit;
    inline-size: 100%;
    text-align: inherit;
    min-block-size: 2.75rem;
    padding: 0.35rem 0.6rem;
    display: inline-flex;
    gap: 0.25rem;
    align-items: center;
  }
  .numeric button.sort {
    justify-content: flex-end;
  }
  th[aria-sort] {
    background: var(--_soft);
  }
  td button,
  th button.link {
    min-block-size: 2.75rem;
    border: none;
    padding: 0.25rem 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    text-align: start;
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin-block: 0.75rem;
  }
  .flag {
    display: inline-block;
    border: 1px solid var(--_warning);
    color: var(--_warning);
    border-radius: var(--_radius);
    padding-inline: 0.4rem;
    margin-inline-end: 0.25rem;
    font-size: 0.9em;
    font-weight: 600;
  }
`;

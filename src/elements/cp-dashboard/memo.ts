/**
 * The last result of `compute`, recomputed only when an argument changes (by identity): the
 * views derive rows from the report in render without redoing the work — or handing a table new
 * rows, which would send it back to its first page — on every update.
 */
export function memo<Args extends readonly unknown[], Result>(
  compute: (...args: Args) => Result,
): (...args: Args) => Result {
  let last: { args: Args; result: Result } | undefined;
  return (...args: Args): Result => {
    if (last && last.args.length === args.length && last.args.every((arg, i) => arg === args[i])) {
      return last.result;
    }
    const result = compute(...args);
    last = { args, result };
    return result;
  };
}

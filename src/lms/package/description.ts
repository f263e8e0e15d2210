/** What every manifest builder needs to know about the module and the package around it. */
export interface PackageDescription {
  /** The module's id (manifest identifiers are derived from it). */
  readonly id: string;
  /** The module's content version, "1.2.0". */
  readonly version: string;
  /** The module's language tag, "en", "ar". */
  readonly language: string;
  readonly title: string;
  readonly summary: string;
  /** The pass mark in percent, 0–100. */
  readonly passMark: number;
  /** The launch page's path in the package. */
  readonly launch: string;
  /** Every content file of the package, sorted: what the manifest lists as the SCO's files. */
  readonly files: readonly string[];
}

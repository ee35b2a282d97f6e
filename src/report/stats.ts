/** What a scan read, for the reports' totals. */
export interface ScanStats {
  files: number;
  addedLines: number;
  bytes: number;
  binaryFiles?: number;
}

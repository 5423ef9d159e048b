/**
 * BlueScreenView (NirSoft) report rows, as copied from its lower pane or an HTML/text report:
 * `Bug check code : 0x1000007e`, `Parameters : …`, `Caused by driver : btrfs.sys`,
 * `Caused by address : btrfs.sys+43808`, `Major version : 15`, `Minor version : 7601`.
 * In those reports offsets are hex without `0x` and the minor version is the build number (DOMAIN.md).
 */

const LABELS = [
  'bug check string', 'bug check code', 'parameters', 'parameter 1', 'parameter 2', 'parameter 3', 'parameter 4',
  'caused by driver', 'caused by address', 'file description', 'product name', 'company', 'file version',
  'processor', 'crash address', 'stack address 1', 'stack address 2', 'stack address 3', 'computer name',
  'full path', 'processors count', 'processor count', 'major version', 'minor version', 'dump file size',
  'dump file time', 'dump file', 'crash time',
];
const LABEL_SET: ReadonlySet<string> = new Set(LABELS);

/** Returns [label, value] for a BlueScreenView row, else null. */
export function parseBlueScreenViewRow(text: string): [string, string] | null {
  // BlueScreenView pads the label: `Caused by driver : x`. Requiring the space keeps `Processor: …` (MEX) out.
  const m = /^\s*([A-Za-z][A-Za-z0-9 ]{2,30}?)\s+:\s*(.*?)\s*$/.exec(text);
  if (!m) return null;
  const label = m[1].toLowerCase().replace(/\s+/g, ' ');
  if (!LABEL_SET.has(label)) return null;
  return [label, m[2]];
}

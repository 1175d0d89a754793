// The Admin Console's Import/export area: the two forms side by side in one page.

import type { OrgAreaProps } from "./AdminConsole";
import { ExportData } from "./ExportData";
import { ImportData } from "./ImportData";

export function ImportExport(p: OrgAreaProps) {
  return (
    <section aria-labelledby="import-export-heading">
      <h2 id="import-export-heading">Import/export</h2>
      <ImportData {...p} />
      <ExportData {...p} />
    </section>
  );
}

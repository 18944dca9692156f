/**
 * The one print layout every register uses: the two-column header of an administrative document,
 * the place-and-date line, the title, the body (tables), signature blocks and "Nơi nhận".
 */
import type { ReactNode } from 'react';
import type { PrintSettings } from '../../../shared/print';
import './print.css';

export interface PrintColumn<Row> {
  key: string;
  header: string;
  cell: (row: Row, index: number) => ReactNode;
  className?: 'number' | 'right';
  width?: string;
}

export function PrintTable<Row extends { id: string }>({ columns, rows, label }: { columns: PrintColumn<Row>[]; rows: Row[]; label: string }) {
  return (
    <table className="print-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} style={{ width: column.width }}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.id}>
            {columns.map((column) => (
              <td key={column.key} className={column.className}>
                {column.cell(row, index)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Upper case the Vietnamese way, in the text itself so the PDF's text layer reads the same as the page. */
const upper = (text: string) => text.toLocaleUpperCase('vi');

/** "Quận 6, ngày 25 tháng 10 năm 2018" (days and months below 10 with a leading zero, as in official documents). */
export function placeAndDate(place: string, date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${place}, ngày ${pad(date.getDate())} tháng ${pad(date.getMonth() + 1)} năm ${date.getFullYear()}`;
}

interface PrintDocumentProps {
  settings: PrintSettings;
  orientation: 'portrait' | 'landscape';
  title: string;
  subtitle?: string;
  date?: Date;
  children: ReactNode;
  recipients?: boolean;
}

export function PrintDocument({ settings, orientation, title, subtitle, date = new Date(), children, recipients = true }: PrintDocumentProps) {
  return (
    <article className={`print-document ${orientation}`} data-testid="print-document">
      <header className="print-header">
        <div>
          <div className="unit-parent">{upper(settings.parentUnit)}</div>
          <div className="unit-name">{upper(settings.unitName)}</div>
          <div className="rule" />
          {settings.documentNumber && <div>Số: {settings.documentNumber}</div>}
        </div>
        <div>
          <div className="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div className="motto">Độc lập - Tự do - Hạnh phúc</div>
          <div className="rule wide" />
          <div className="place-date">{placeAndDate(settings.place, date)}</div>
        </div>
      </header>
      <h1 className="print-title">{upper(title)}</h1>
      {subtitle && <div className="print-subtitle">{subtitle}</div>}
      {children}
      <section className="print-signatures">
        <div>
          {recipients && settings.recipients && (
            <div className="print-recipients" style={{ textAlign: 'left' }}>
              <div className="label">Nơi nhận:</div>
              {settings.recipients.split('\n').map((line) => (
                <div key={line}>{line}</div>
              ))}
            </div>
          )}
          {!settings.recipients && (
            <>
              <div className="role">{upper(settings.preparerTitle)}</div>
              <div className="name">{settings.preparerName}</div>
            </>
          )}
        </div>
        <div>
          <div className="role">{upper(settings.signerTitle)}</div>
          <div className="hint">(Ký, ghi rõ họ tên, đóng dấu)</div>
          <div className="name">{settings.signerName}</div>
        </div>
      </section>
      {settings.recipients && (
        <section className="print-signatures">
          <div>
            <div className="role">{upper(settings.preparerTitle)}</div>
            <div className="name">{settings.preparerName}</div>
          </div>
          <div />
        </section>
      )}
    </article>
  );
}

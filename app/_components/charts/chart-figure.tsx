import type { ReactNode } from "react";
import styles from "./charts.module.css";

export interface ChartFigureProps {
  testId: string;
  title: ReactNode;
  isEmpty: boolean;
  emptyText: string;
  /** The Recharts container; not rendered when empty. */
  plot: ReactNode;
  /** An HTML key under the plot, for what the Recharts legend cannot show (shaded areas). */
  keyItems?: ReactNode;
  /** The table alternative; plain HTML, so it exists in the server-rendered page without JS. */
  table: ReactNode;
  tableSummary: string;
}

/** The frame every chart shares: caption, plot of fixed height, optional key, table alternative. */
export function ChartFigure({ testId, title, isEmpty, emptyText, plot, keyItems, table, tableSummary }: ChartFigureProps) {
  return (
    <figure className={`chart-box ${styles.box}`} data-testid={testId}>
      <figcaption className={styles.title}>{title}</figcaption>
      {isEmpty ? (
        <p className="empty">{emptyText}</p>
      ) : (
        <>
          <div className={styles.plot}>{plot}</div>
          {keyItems}
          <details>
            <summary>{tableSummary}</summary>
            <div className={styles.tables}>{table}</div>
          </details>
        </>
      )}
    </figure>
  );
}

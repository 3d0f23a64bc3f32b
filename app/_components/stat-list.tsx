import type { ReactNode } from "react";

export interface Stat {
  label: string;
  value: ReactNode;
  testId?: string;
  /** Text rather than a figure: a smaller type. */
  small?: boolean;
}

/** The row of headline figures pages open with. */
export function StatList({ label, stats }: { label: string; stats: Stat[] }) {
  return (
    <ul className="stats" aria-label={label}>
      {stats.map((stat) => (
        <li className="stat" key={stat.label}>
          <span className="label">{stat.label}</span>
          <span className={stat.small ? "value small" : "value"} data-testid={stat.testId}>
            {stat.value}
          </span>
        </li>
      ))}
    </ul>
  );
}

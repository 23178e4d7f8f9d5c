/**
 * The overview's bar charts (recharts). Its own module, fetched by a dynamic import from
 * HomePage, so recharts (the largest dependency) is a separate chunk loaded only where a chart
 * shows. Values arrive in øre; they become kroner here, at the chart's edge, and nowhere else.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatOre } from '../../../../src-shared/kernel/money';

const krTick = (kroner: number) => formatOre(Math.round(kroner * 100), { decimals: 'never' });
const PALETTE = [
  '#1f5f8b',
  '#c27c0e',
  '#4d8f4a',
  '#8a4f9e',
  '#b23a48',
  '#2a9d8f',
  '#6c757d',
  '#e07a5f',
  '#3d405b',
  '#7fb6de',
];

export interface BarSeries {
  key: string;
  name: string;
}

export interface MoneyBarsProps {
  /** One row per bar (or stack): its axis label and each series' amount in øre. */
  rows: { label: string; values: Record<string, number> }[];
  series: BarSeries[];
  stacked?: boolean;
  height?: number;
  onBarClick?(rowIndex: number, seriesKey: string): void;
}

export function MoneyBars({ rows, series, stacked, height = 300, onBarClick }: MoneyBarsProps) {
  // A series without an amount in a row is left out, so no empty bar is drawn for it.
  const data = rows.map((r) => {
    const point: Record<string, string | number> = { label: r.label };
    for (const [key, ore] of Object.entries(r.values)) if (ore !== 0) point[key] = ore / 100;
    return point;
  });
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
        <YAxis width={112} tickFormatter={krTick} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(value) => krTick(Number(value))} />
        {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={PALETTE[i % PALETTE.length]}
            // Drawn at once: a growing-bar animation holds back the figures she came to read
            // for half a second on every visit to the overview.
            isAnimationActive={false}
            {...(stacked ? { stackId: 'total' } : {})}
            cursor={onBarClick ? 'pointer' : undefined}
            onClick={(_entry: unknown, index: number) => onBarClick?.(index, s.key)}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export default MoneyBars;

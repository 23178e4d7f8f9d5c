/**
 * The overview's bar chart (recharts). Its own module, loaded with React.lazy from HomePage,
 * so recharts (the largest dependency) is a separate chunk fetched only where a chart shows.
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

// The chart works in kroner; øre are converted here, at its edge, and nowhere else.
const krTick = (kroner: number) => formatOre(Math.round(kroner * 100), { decimals: 'never' });

export interface MoneyBarChartProps {
  data: { year: string; awarded: number; received: number; paid: number }[];
  labels: { awarded: string; received: string; paid: string };
}

export default function MoneyBarChart({ data, labels }: MoneyBarChartProps) {
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="year" />
        <YAxis width={120} tickFormatter={krTick} />
        <Tooltip formatter={(value) => krTick(Number(value))} />
        <Legend />
        <Bar dataKey="awarded" name={labels.awarded} fill="#1f5f8b" />
        <Bar dataKey="received" name={labels.received} fill="#7fb6de" />
        <Bar dataKey="paid" name={labels.paid} fill="#c27c0e" />
      </BarChart>
    </ResponsiveContainer>
  );
}

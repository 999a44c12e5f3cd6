'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface LabelBarDatum {
  label: string;
  count: number;
}

/** Horizontal bars, one per label, largest first. */
export function LabelBarChart({ data, color = '#2454d6' }: { data: LabelBarDatum[]; color?: string }) {
  if (!data.length) return <div className="empty">No transcripts yet</div>;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid horizontal={false} stroke="#eef0f4" />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: '#5b6476' }} />
        <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12, fill: '#172033' }} />
        <Tooltip cursor={{ fill: '#f1f4fa' }} formatter={(v) => [Number(v).toLocaleString('en'), 'transcripts']} />
        <Bar dataKey="count" fill={color} radius={[0, 4, 4, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';

// Jira's tables: full width, hairline rows, subtle headings. Cells break only words too long for any line (an id),
// so short words never split and long ones never force a scroll at 1280 px.
export const tableStyle: CSSProperties = { width: '100%', borderCollapse: 'collapse', font: token('font.body') };
export const headCell: CSSProperties = {
  textAlign: 'left', padding: `${token('space.100')} ${token('space.100')}`, color: token('color.text.subtle'),
  font: token('font.body.small'), fontWeight: token('font.weight.semibold'), borderBottom: `2px solid ${token('color.border')}`,
};
export const bodyCell: CSSProperties = {
  padding: `${token('space.100')} ${token('space.100')}`, borderBottom: `1px solid ${token('color.border')}`, verticalAlign: 'top', overflowWrap: 'break-word',
};
export const subtleText: CSSProperties = { color: token('color.text.subtle'), font: token('font.body.small') };
export const codeBlock: CSSProperties = {
  font: token('font.code'), background: token('elevation.surface.sunken'), padding: token('space.100'), borderRadius: token('radius.small'),
  margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 320, overflow: 'auto',
};
export const sectionHeading: CSSProperties = { font: token('font.heading.small'), margin: `${token('space.300')} 0 ${token('space.100')}` };
export const viewHeading: CSSProperties = { font: token('font.heading.medium'), margin: `0 0 ${token('space.200')}` };
export const filterBar: CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: token('space.200'), alignItems: 'flex-end', marginBottom: token('space.200') };
export const nativeSelect: CSSProperties = {
  font: token('font.body'), padding: `${token('space.075')} ${token('space.100')}`, borderRadius: token('radius.small'),
  border: `1px solid ${token('color.border.input')}`, background: token('color.background.input'), color: token('color.text'), minHeight: 40,
};
export const fieldLabel: CSSProperties = { display: 'block', font: token('font.body.small'), fontWeight: token('font.weight.semibold'), color: token('color.text.subtle'), marginBottom: token('space.050') };

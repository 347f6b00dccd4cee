import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  // Badges carry statuses and names: in English "Acknowledged" reads better (and fits) than "ACKNOWLEDGED".
  components: { Badge: Badge.extend({ defaultProps: { tt: 'none' } }) },
  primaryColor: 'teal',
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
});

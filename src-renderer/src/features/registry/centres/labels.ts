import { DRIFTSFORMER, REGIONS } from '../../../../../src-shared/registry/centres';
import type { MessageKey } from '../../../i18n/messages';

type T = (key: MessageKey) => string;

export const driftsformOptions = (t: T) =>
  DRIFTSFORMER.map((d) => ({ value: d, label: t(`driftsform.${d}`) }));

export const regionOptions = (t: T) => REGIONS.map((r) => ({ value: r, label: t(`region.${r}`) }));

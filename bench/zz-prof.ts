import { libraryVariant } from './synth/library-variant';
import { synthesize } from './synth/measure';
import { rawL1Variant } from './synth/raw-l1-variant';
const v = process.env.VARIANT === 'raw' ? rawL1Variant : libraryVariant;
for (let i = 0; i < 10; i++) synthesize(v, 100);

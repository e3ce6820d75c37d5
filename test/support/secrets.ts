// The secret box tests open notification stores with: a fixed key, so a store reopened reads what it wrote.
import { secretBox } from '../../platform/secret-box.js';

export const TEST_SECRET_BOX = secretBox(Buffer.alloc(32, 7));

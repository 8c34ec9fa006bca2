"""The array types the rules and everything above them annotate with: one name per dtype.

(The domain layer imports only the standard library, so they live with the engine.)"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

IntArr = NDArray[np.int64]
FloatArr = NDArray[np.float64]
BoolArr = NDArray[np.bool_]

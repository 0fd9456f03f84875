"""Physical constants in SI units, all taken from :mod:`scipy.constants` (CODATA).

Nobody in echemlab types 8.314 or 96485: import them from here.

>>> from echemlab.constants import F, R
>>> round(F / 1e4, 4), round(R, 6)
(9.6485, 8.314463)
"""
import math

from scipy import constants as _sc

#: Faraday constant F = e N_A [C/mol]
F = _sc.e * _sc.N_A
#: molar gas constant R [J/(mol K)]
R = _sc.R
#: Boltzmann constant [J/K]
k_B = _sc.k
#: elementary charge [C]
e = _sc.e
#: Avogadro constant [1/mol]
N_A = _sc.N_A
#: vacuum permittivity [F/m]
epsilon_0 = _sc.epsilon_0
#: 0 degC in kelvin
ZERO_CELSIUS = _sc.zero_Celsius
#: standard temperature of thermochemical tables, 25 degC [K]
T_STD = 298.15
#: ln(10), the factor between natural and decadic logarithms
LN10 = math.log(10.0)


def thermal_voltage(T=T_STD):
    """RT/F [V] at temperature ``T`` [K] (25.69 mV at 298.15 K).

    >>> round(thermal_voltage(298.15) * 1e3, 2)
    25.69
    """
    from . import _validate

    return _validate.scalar_out(R * _validate.temperature(T) / F)

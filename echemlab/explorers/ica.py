"""Explorers for chapter 03: incremental capacity of an intercalation
electrode (thermodynamics, broadening, numerical dQ/dV from noisy data), and
degradation-mode diagnosis of a full cell."""
import numpy as np

from .. import ica
from .. import intercalation as ic
from ..constants import T_STD, R
from ..explorer import Explorer, Param
from ..plotting import PALETTE, label

_E0 = 3.42          # potential at half filling [V vs Li/Li+] (an LiFePO4-like electrode)
_HALF = 0.3         # half-width of the potential window [V]
_UG = np.linspace(_E0 - _HALF, _E0 + _HALF, 1201)
_XG = np.linspace(0.0005, 0.9995, 1200)
_N_DATA = 1500
_Z = np.random.default_rng(20240402).standard_normal(_N_DATA)  # one fixed noise pattern, scaled
_YMAX = 50.0


class IncrementalCapacityExplorer(Explorer):
    """Incremental capacity of a regular-solution electrode: exact, apparent (many particles) and from noisy data.

    Try: raise Ω above 2RT (about 5 kJ/mol at 298 K): a two-phase region opens and the exact IC becomes
    a delta peak, drawn as a bar labelled with its area. Spread E0 with σ = 40 mV and the apparent peak
    drops from 22 to 8.4 /V; widen the bins to 40 mV and the binned dQ/dV departs from the apparent
    curve (rms 0.13 to 1.5 /V).

    Left: U(x) at equilibrium (with the two-phase plateau when Omega > 2RT),
    the apparent curve of particles whose E0 is spread by sigma, shifted by
    the ohmic drop I R, and measured-like noisy samples. Right: -dx/dU (the
    IC per unit capacity): exact continuous part and the delta peak of a
    two-phase region (drawn as a bar labelled with its area), the apparent
    IC, and dQ/dV recovered from the noisy samples by voltage binning.
    """

    figsize = (11.0, 4.0)
    params = (
        Param("omega", "Ω", "kJ/mol", 0.0, 12.0, 0.1, 3.0, to_si=1e3, fmt=".1f",
              doc="regular-solution interaction parameter (LiFePO4: about 11)"),
        Param("T", "T", "K", 250.0, 350.0, 1.0, T_STD, fmt=".0f", doc="temperature"),
        Param("sigma", "spread σ of E0", "mV", 0.0, 40.0, 0.5, 5.0, to_si=1e-3, fmt=".1f",
              doc="particle-to-particle spread of E0 (standard deviation)"),
        Param("shift", "ohmic shift I·R", "mV", -50.0, 50.0, 1.0, 0.0, to_si=1e-3, fmt=".0f",
              doc="I R: positive on delithiation (charge), negative on lithiation"),
        Param("noise", "voltage noise", "mV", 0.0, 5.0, 0.05, 0.5, to_si=1e-3, fmt=".2f",
              doc="standard deviation of the measured voltage"),
        Param("bin", "bin width", "mV", 1.0, 40.0, 0.5, 5.0, to_si=1e-3, fmt=".1f",
              doc="voltage bin width of the numerical dQ/dV"),
    )

    def setup(self, fig, axes):
        ax_u, ax_g = axes
        c = PALETTE
        ax_u.set_xlabel(label("Li site fraction x"))
        ax_u.set_ylabel(label("Potential U", "V vs Li/Li+"))
        ax_u.set_xlim(0, 1)
        ax_u.set_ylim(_E0 - _HALF, _E0 + _HALF)
        self.u_eq, = ax_u.plot([], [], color=c["black"], lw=1.0, ls="-", label="equilibrium")
        self.u_app, = ax_u.plot([], [], color=c["blue"], lw=2.2, ls="-", label="apparent (spread + I·R)")
        self.u_data, = ax_u.plot([], [], ".", color=c["vermillion"], ms=2, label="noisy samples")
        ax_u.legend(loc="upper right", fontsize=8)

        ax_g.set_xlabel(label("Potential U", "V vs Li/Li+"))
        ax_g.set_ylabel(label("−dx/dU (IC per unit capacity)", "1/V"))
        ax_g.set_xlim(_E0 - _HALF, _E0 + _HALF)
        ax_g.set_ylim(0, _YMAX)
        self.g_eq, = ax_g.plot([], [], color=c["black"], lw=1.0, ls="-", label="exact (continuous part)")
        self.g_delta, = ax_g.plot([], [], color=c["black"], lw=3.0, ls="-", solid_capstyle="butt",
                                  label="δ peak (two phases)")
        self.g_app, = ax_g.plot([], [], color=c["blue"], lw=2.2, ls="-", label="apparent")
        self.g_bin, = ax_g.plot([], [], color=c["vermillion"], lw=1.2, ls="-", drawstyle="steps-mid",
                                label="binned from noisy data")
        self.delta_txt = ax_g.text(_E0 + 0.01, 0.93 * _YMAX, "", fontsize=8, va="top")
        ax_g.legend(loc="upper left", fontsize=8)
        self.ax_g = ax_g
        self.dynamic = [self.u_eq, self.u_app, self.u_data, self.g_eq, self.g_delta, self.g_app,
                        self.g_bin, self.delta_txt]

    def compute(self, omega, T, sigma, shift, noise, bin):
        gap = ic.binodal(T, omega)
        x_app = np.asarray(ica.apparent_fraction(_UG, T, _E0, omega, sigma, shift))
        g_app = -np.gradient(x_app, _UG)
        # exact equilibrium curve, parametric in x (stable states only)
        u_eq = np.asarray(ic.equilibrium_ocv(_XG, T, _E0, omega))
        g_eq = np.asarray(ica.incremental_capacity(_XG, T, omega))
        u_ocv = np.asarray(ic.ocv(_XG, T, _E0, omega))
        if gap is not None:
            inside = (_XG > gap[0]) & (_XG < gap[1])
            g_eq = np.where(inside, np.nan, g_eq)
            u_ocv = np.where(inside, np.nan, u_ocv)
        # measured-like data: equal charge steps over the window, voltages from the apparent curve
        xs = np.linspace(x_app.min(), x_app.max(), _N_DATA)
        u_true = np.interp(xs, x_app[::-1], _UG[::-1])
        u_meas = u_true + noise * _Z
        centres, g_bin = ica.dqdv_binned(u_meas, xs, bin)
        g_ref = np.interp(centres, _UG, g_app)
        return {"omega": omega, "T": T, "gap": gap, "x_app": x_app, "g_app": g_app, "u_eq": u_eq,
                "u_ocv": u_ocv, "g_eq": g_eq, "xs": xs, "u_meas": u_meas, "centres": centres,
                "g_bin": g_bin, "rms_bin": float(np.sqrt(np.mean((g_bin - g_ref) ** 2))),
                "sigma": sigma, "shift": shift}

    def draw(self, r):
        self.u_eq.set_data(_XG, r["u_eq"])
        self.u_app.set_data(r["x_app"], _UG)
        self.u_data.set_data(r["xs"][::4], r["u_meas"][::4])
        self.g_eq.set_data(r["u_ocv"], r["g_eq"])
        self.g_app.set_data(_UG, r["g_app"])
        self.g_bin.set_data(r["centres"], r["g_bin"])
        if r["gap"] is not None:
            area = r["gap"][1] - r["gap"][0]
            self.g_delta.set_data([_E0, _E0], [0, _YMAX])
            self.delta_txt.set_text(f"δ peak, area Δx = {area:.3f}")
        else:
            self.g_delta.set_data([], [])
            self.delta_txt.set_text("")
        return False

    def readout(self, r):
        two_rt = 2 * R * r["T"]
        parts = [f"Ω/2RT = {r['omega'] / two_rt:.2f}"]
        if r["gap"] is None:
            parts.append(f"exact peak {float(ica.peak_height(r['T'], r['omega'])):.1f} /V")
        else:
            parts.append(f"two phases x = {r['gap'][0]:.3f}…{r['gap'][1]:.3f}: δ peak of area "
                         f"{r['gap'][1] - r['gap'][0]:.3f}")
        i = int(np.argmax(r["g_app"]))
        parts.append(f"apparent peak {r['g_app'][i]:.1f} /V at {_UG[i]:.3f} V")
        parts.append(f"binned vs apparent: rms {r['rms_bin']:.2f} /V")
        return " &nbsp;|&nbsp; ".join(parts)


# ---- degradation modes ------------------------------------------------------------

_MYSTERY = {"lli": 0.10, "lam_ne": 0.03, "lam_pe": 0.12}
_AH = 3600.0


class DegradationModeExplorer(Explorer):
    """Diagnose a degraded graphite | NMC811 cell (LG M50 design) from its charge curve and dQ/dV.

    Try: move LLI, LAM_NE and LAM_PE until the blue curves cover the black mystery cell; the rms
    mismatch in the readout falls to about 1 mV at the right answer. Push LAM_NE alone to 30 %: the
    charge then ends early with a full negative electrode, a lithium-plating risk.

    Sliders set loss of lithium inventory (LLI) and loss of active material
    of the negative and positive electrode (LAM_NE, LAM_PE), as fractions of
    the fresh cell's values (Dubarry et al. 2012). The fresh cell is drawn in
    grey, the model with the slider values in blue, and a "mystery" aged cell
    (measured-like: 1 mV noise, dQ/dV by 10 mV binning) in black. Move the
    sliders until the blue curves cover the black ones; the readout gives the
    voltage mismatch.
    """

    figsize = (11.0, 4.0)
    params = (
        Param("lli", "LLI", "%", 0.0, 30.0, 0.5, 0.0, to_si=1e-2, fmt=".1f",
              doc="loss of lithium inventory"),
        Param("lam_ne", "LAM_NE", "%", 0.0, 30.0, 0.5, 0.0, to_si=1e-2, fmt=".1f",
              doc="loss of active material, negative electrode (graphite)"),
        Param("lam_pe", "LAM_PE", "%", 0.0, 30.0, 0.5, 0.0, to_si=1e-2, fmt=".1f",
              doc="loss of active material, positive electrode (NMC811)"),
    )

    def setup(self, fig, axes):
        ax_v, ax_g = axes
        c = PALETTE
        self.fresh = ica.cell_curve()
        mys = ica.cell_curve(ica.degraded_design(**_MYSTERY), n=1200)
        self.mys_q = mys["Q"]
        self.mys_v = np.asarray(ica.add_noise(mys["V"], 1e-3, seed=7))
        self.mys_centres, self.mys_g = ica.dqdv_binned(self.mys_v, self.mys_q, 0.010)
        self.mys_cap = mys["capacity"]

        ax_v.set_xlabel(label("Charge passed on charge", "A h"))
        ax_v.set_ylabel(label("Cell voltage (open circuit)", "V"))
        ax_v.set_xlim(0, 5.5)
        ax_v.set_ylim(2.45, 4.25)
        ax_v.plot(self.fresh["Q"] / _AH, self.fresh["V"], color="0.55", lw=1.4, ls="--", label="fresh")
        ax_v.plot(self.mys_q[::12] / _AH, self.mys_v[::12], ".", color=c["black"], ms=3,
                  label="mystery aged cell")
        self.v_model, = ax_v.plot([], [], color=c["blue"], lw=2.0, ls="-", label="model (sliders)")
        ax_v.legend(loc="lower right", fontsize=8)

        ax_g.set_xlabel(label("Cell voltage", "V"))
        ax_g.set_ylabel(label("dQ/dV", "A h/V"))
        ax_g.set_xlim(3.3, 4.25)
        ax_g.set_ylim(0, 28)
        ax_g.plot(self.fresh["V"], self.fresh["dqdv"] / _AH, color="0.55", lw=1.4, ls="--", label="fresh")
        ax_g.plot(self.mys_centres, self.mys_g / _AH, color=c["black"], lw=1.2, ls="-", drawstyle="steps-mid",
                  label="mystery cell, 10 mV bins")
        self.g_model, = ax_g.plot([], [], color=c["blue"], lw=2.0, ls="-", label="model (sliders)")
        ax_g.legend(loc="upper left", fontsize=8)
        self.dynamic = [self.v_model, self.g_model]

    def compute(self, lli, lam_ne, lam_pe):
        cur = ica.cell_curve(ica.degraded_design(lli, lam_ne, lam_pe), n=400)
        model_at = np.interp(self.mys_q, cur["Q"], cur["V"], right=np.nan)
        ok = np.isfinite(model_at)
        rms = float(np.sqrt(np.mean((model_at[ok] - self.mys_v[ok]) ** 2))) if ok.any() else np.inf
        return {"curve": cur, "rms": rms, "covered": float(ok.mean())}

    def draw(self, r):
        cur = r["curve"]
        self.v_model.set_data(cur["Q"] / _AH, cur["V"])
        self.g_model.set_data(cur["V"], cur["dqdv"] / _AH)
        return False

    def readout(self, r):
        cur = r["curve"]
        w = cur["window"]
        parts = [f"capacity: fresh {self.fresh['capacity'] / _AH:.2f} A h, model {cur['capacity'] / _AH:.2f} A h, "
                 f"mystery {self.mys_cap / _AH:.2f} A h",
                 f"mismatch to the mystery cell: {1e3 * r['rms']:.1f} mV rms"
                 + ("" if r["covered"] > 0.999 else " (model capacity too small)")]
        if w["limit_high"] != "voltage":
            parts.append(f"charge ends early: {w['limit_high']}: lithium plating risk")
        return " &nbsp;|&nbsp; ".join(parts)


CHAPTER = "03"
EXPLORERS = [IncrementalCapacityExplorer, DegradationModeExplorer]

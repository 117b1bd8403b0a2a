// Shared desk code of serial_tracking (hooks: app_include_js): label sheets, unit actions, audit chain
// verification, units exported back, and the HTML templates they render. Names of actions, statuses and modes come from
// the server (frappe.boot.serial_tracking, see serial_tracking/boot.py).
import "./templates/unit_history.html";
import "./templates/serial_verification.html";
import "./labels";
import "./unit_actions";
import "./verification";
import "./unit_export";

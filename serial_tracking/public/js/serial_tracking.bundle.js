// Shared desk code of serial_tracking (hooks: app_include_js): label sheets, unit actions, audit chain
// verification, the app's reports (filed and fitted), units exported back, and the HTML templates they
// render. Names of actions, statuses, modes and reports come from the server (frappe.boot.serial_tracking,
// see boot.py).
import "./templates/unit_history.html";
import "./templates/serial_verification.html";
import "./labels";
import "./unit_actions";
import "./verification";
import "./wedge";
import "./gs1";
import "./reports";
import "./unit_export";

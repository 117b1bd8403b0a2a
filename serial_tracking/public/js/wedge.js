// A keyboard-wedge scanner types a code into a form's barcode field key by key, then (usually) Enter.
// Frappe's Data control sets the field, and so runs the form's scan handlers, once typing pauses for
// 500 ms, which a busy machine can do in the middle of a code; ERPNext's BarcodeScanner then empties the
// field and looks up the part typed so far, and the rest of the code arrives in an empty field. A scan
// is acted on here only once the field's input has settled (Enter pressed after its last key, or no key
// for SETTLE_MS); a handler called with a value the input has since grown past leaves it alone: the
// change that follows brings the whole code.
frappe.provide("serial_tracking.wedge");

serial_tracking.wedge.SETTLE_MS = 500;

// When each input was last typed into and last given Enter (watched from the start, on every input).
serial_tracking.wedge.keys = new WeakMap();
serial_tracking.wedge.stamp = function (event, kind) {
	const input = event.target;
	if (!(input instanceof HTMLInputElement)) return;
	const stamps = serial_tracking.wedge.keys.get(input) || { typed: 0, entered: 0 };
	stamps[kind] = performance.now();
	serial_tracking.wedge.keys.set(input, stamps);
};
document.addEventListener("input", (event) => serial_tracking.wedge.stamp(event, "typed"), true);
document.addEventListener(
	"keydown",
	(event) => event.key === "Enter" && serial_tracking.wedge.stamp(event, "entered"),
	true
);

// The input's value once it has settled: at once when Enter was pressed after its last key (a scanner's
// suffix), else once no key has come for SETTLE_MS from now (a handler runs when typing has paused for
// Frappe's 500 ms: the scanner, or the machine, may only be slow).
serial_tracking.wedge.settled = function (input) {
	const since = performance.now();
	return new Promise((resolve) => {
		const check = () => {
			const stamps = serial_tracking.wedge.keys.get(input) || { typed: 0, entered: 0 };
			if (stamps.entered && stamps.entered >= stamps.typed) return resolve(input.value);
			const left =
				serial_tracking.wedge.SETTLE_MS - (performance.now() - Math.max(since, stamps.typed));
			if (left <= 0) return resolve(input.value);
			setTimeout(check, left);
		};
		check();
	});
};

// Whether ``value`` (what the field was set to) is the whole of what was typed: false when the input has
// grown past it (the scan is still being typed, or was typed on).
serial_tracking.wedge.is_whole = async function (field, value) {
	const input = field && field.$input && field.$input[0];
	if (!input || !value) return !!value;
	return (await serial_tracking.wedge.settled(input)) === value;
};

// Whether keys are still coming into ``input``: one came within SETTLE_MS, and no Enter after it.
serial_tracking.wedge.typing = function (input) {
	const stamps = serial_tracking.wedge.keys.get(input);
	if (!stamps || stamps.entered >= stamps.typed) return false;
	return performance.now() - stamps.typed < serial_tracking.wedge.SETTLE_MS;
};

// A form refreshed while a code is being typed into its barcode field (the supplier's details arriving,
// say) writes the field's value from the document into the input: the part typed so far, or nothing,
// and the keys typed since are lost. While keys are still coming, a value the input already begins
// with is taken into the control without writing over the input.
serial_tracking.wedge.keep_typing = function (field) {
	if (!field || !field.set_input || field.__serial_tracking_keeps) return;
	field.__serial_tracking_keeps = true;
	const set_input = field.set_input;
	field.set_input = function (value) {
		const input = this.$input && this.$input[0];
		const older = value == null ? "" : String(value);
		if (input && serial_tracking.wedge.typing(input) && input.value.startsWith(older)) {
			this.last_value = this.value;
			this.value = value;
			return;
		}
		return set_input.call(this, value);
	};
};
$(document).on("form-refresh", (event, frm) => {
	serial_tracking.wedge.keep_typing(frm && frm.fields_dict && frm.fields_dict.scan_barcode);
});

// ERPNext's scan handler acts on the whole code only, and leaves a GS1 code to the app on the forms whose
// barcode field the app reads GS1 in (serial_tracking.gs1.scan_into_voucher): it cannot empty the field
// while the code is still being typed.
serial_tracking.wedge.guard_scanner = function () {
	const Scanner = window.erpnext && erpnext.utils && erpnext.utils.BarcodeScanner;
	if (!Scanner || Scanner.prototype.process_scan.__serial_tracking) return;
	const process_scan = Scanner.prototype.process_scan;
	const guarded = async function (...args) {
		const field = this.scan_barcode_field;
		const value = field && field.value;
		if (!(await serial_tracking.wedge.is_whole(field, value))) return;
		if (serial_tracking.gs1.takes(this.frm, this.scan_field_name, value)) return;
		return process_scan.apply(this, args);
	};
	guarded.__serial_tracking = true;
	Scanner.prototype.process_scan = guarded;
};
serial_tracking.wedge.guard_scanner();

/* global $, BarcodeDetector -- jQuery (as in every Frappe form) and the browser's barcode reader, where it has one */
// Unit Count: scan units into an open count (a keyboard-wedge scanner types the serial and Enter; a
// phone's camera reads labels where the browser has BarcodeDetector), see each answer and the running
// totals at once (the form is never reloaded per scan), close, approve, receive unknown serials.
const COUNT_API = "serial_tracking.api.unit_count.";

frappe.ui.form.on("Unit Count", {
	setup(frm) {
		// The results are the count's conclusions: lines are edited (action, item), never added or removed.
		frm.get_field("results").grid.cannot_add_rows = true;
		frm.set_df_property("results", "cannot_delete_rows", 1);
		frm.set_query("warehouse", () => ({ filters: { is_group: 0, company: frm.doc.company } }));
		frm.set_query("custodian_type", () => ({
			filters: { name: ["in", frappe.boot.serial_tracking.custodian_types] },
		}));
	},

	refresh(frm) {
		const vocab = frappe.boot.serial_tracking.count;
		const open = frm.doc.docstatus === 0 && frm.doc.status === vocab.statuses.open;
		const closed = frm.doc.docstatus === 0 && frm.doc.status === vocab.statuses.closed;
		frm.dashboard.clear_comment(); // "Submit this document to confirm": the intro says what to do instead
		const failed = closed && frm.doc.error;
		frm.set_intro(intro(frm, open, closed), failed ? "red" : "blue");
		if (frm.is_new()) return;
		frappe.realtime.off("st_count_done");
		frappe.realtime.on("st_count_done", (data) => {
			if (data.name === frm.doc.name) frm.reload_doc();
		});

		if (open) {
			frm.page.set_primary_action(__("Close Count"), () => close_count(frm));
			frm.scan_panel = new UnitCountScanPanel(frm);
		} else {
			frm.scan_panel = null;
			frm.get_field("scan_html").$wrapper.empty();
		}
		if (closed) {
			frm.page.set_primary_action(__("Approve"), () => approve(frm));
			frm.add_custom_button(__("Reopen"), () =>
				frappe
					.call({ method: COUNT_API + "reopen", args: { count: frm.doc.name }, freeze: true })
					.then(() => frm.reload_doc())
			);
		}
		const unknown = (frm.doc.results || []).some((row) => row.result === vocab.unknown);
		if (unknown && frm.doc.docstatus < 2 && !open) {
			frm.add_custom_button(__("Receive Unknown Serials"), () =>
				frappe.model.open_mapped_doc({ method: COUNT_API + "make_receipt", frm })
			);
		}
		frm.add_custom_button(
			__("Scans"),
			() => frappe.set_route("List", "Unit Count Scan", { unit_count: frm.doc.name }),
			__("View")
		);
		frm.add_custom_button(
			__("Units"),
			() => frappe.set_route("List", "Unit Count Unit", { unit_count: frm.doc.name }),
			__("View")
		);
	},
});

function intro(frm, open, closed) {
	const vocab = frappe.boot.serial_tracking.count;
	if (frm.doc.status === vocab.statuses.queued) {
		return __("Approving in the background; the progress shows here.");
	}
	if (closed && frm.doc.error) {
		return __("The last approval failed and posted nothing: {0}", [frm.doc.error]);
	}
	if (frm.is_new()) {
		return __(
			"Save to start: the units expected here are captured now, so movements during the count are accounted for."
		);
	}
	if (open) return __("Scan every unit you see; close the count when you are done.");
	if (closed) {
		return __(
			"Check the results, choose what approval does with each missing, misplaced or unknown unit, then approve."
		);
	}
	return "";
}

function approve(frm) {
	const go = () =>
		frappe.confirm(
			__(
				"Approve the count? Misplaced units are transferred here, missing units marked lost or reconciled, as each line says."
			),
			() =>
				frappe
					.call({ method: COUNT_API + "approve", args: { count: frm.doc.name }, freeze: true })
					.then(({ message }) => {
						if (message.queued) {
							frappe.show_alert({
								message: __("Approving in the background; the progress shows here."),
								indicator: "blue",
							});
						}
						frm.reload_doc();
					})
		);
	if (frm.is_dirty()) frm.save().then(go);
	else go();
}

function close_count(frm) {
	frappe
		.call({
			method: COUNT_API + "close",
			args: { count: frm.doc.name },
			freeze: true,
			freeze_message: __("Closing the count"),
		})
		.then(() => frm.reload_doc());
}

class UnitCountScanPanel {
	constructor(frm) {
		this.frm = frm;
		this.queue = Promise.resolve();
		this.last_camera = { code: null, at: 0 };
		this.render();
		this.load();
	}

	render() {
		const conditions = frappe.boot.serial_tracking.conditions
			.map((c) => `<option value="${frappe.utils.escape_html(c)}">${__(c)}</option>`)
			.join("");
		const $wrapper = this.frm.get_field("scan_html").$wrapper;
		$wrapper.html(`
			<div class="st-count-scan">
				<div class="st-scan-row" style="display: flex; gap: var(--margin-sm); flex-wrap: wrap;">
					<input type="text" class="form-control st-scan-input" style="flex: 1 1 240px; font-size: 16px;"
						autocomplete="off" autocorrect="off" autocapitalize="off" spellcheck="false"
						placeholder="${__("Scan or type a serial, then Enter")}">
					<select class="form-control st-scan-condition" style="flex: 0 1 200px;"
						title="${__("Condition of the next unit scanned (optional)")}">
						<option value="">${__("Condition (optional)")}</option>${conditions}
					</select>
					<button class="btn btn-default st-scan-camera hidden">${frappe.utils.icon("camera", "sm")}
						${__("Camera")}</button>
				</div>
				<div class="st-scan-totals" style="margin: var(--margin-md) 0; display: flex; gap: var(--margin-sm); flex-wrap: wrap;"></div>
				<div class="st-scan-feed"></div>
			</div>`);
		this.$input = $wrapper.find(".st-scan-input");
		this.$condition = $wrapper.find(".st-scan-condition");
		this.$totals = $wrapper.find(".st-scan-totals");
		this.$feed = $wrapper.find(".st-scan-feed");
		this.$totals.on("click", ".st-not-yet-scanned", (event) => {
			event.preventDefault();
			this.show_not_yet_scanned();
		});
		this.$input.on("keydown", (event) => {
			if (event.key !== "Enter") return;
			event.preventDefault();
			const code = this.$input.val().trim();
			this.$input.val("");
			if (code) this.submit(code);
		});
		if ("BarcodeDetector" in window && navigator.mediaDevices) {
			$wrapper
				.find(".st-scan-camera")
				.removeClass("hidden")
				.on("click", () => this.camera());
		}
		setTimeout(() => this.$input.trigger("focus"), 300);
	}

	load() {
		frappe
			.call({ method: COUNT_API + "recent", args: { count: this.frm.doc.name } })
			.then(({ message }) => {
				this.show_totals(message.totals);
				message.scans.reverse().forEach((scan) =>
					this.add_line({
						verdict: scan.verdict,
						code: scan.code,
						message:
							scan.serial_no && scan.item_code
								? `${scan.serial_no} (${scan.item_code})`
								: scan.code,
						at: scan.scanned_at,
					})
				);
			});
	}

	submit(code) {
		// Scans are sent one after another, in the order they were read; typing goes on meanwhile.
		const condition = this.$condition.val() || null;
		this.$condition.val("");
		this.queue = this.queue.then(() => this.send(code, condition));
	}

	send(code, condition) {
		return new Promise((resolve) => {
			frappe.call({
				method: COUNT_API + "scan",
				args: { count: this.frm.doc.name, code, condition },
				silent: true,
				callback: ({ message }) => {
					this.add_line({ ...message, at: frappe.datetime.now_datetime() });
					this.show_totals(message.totals);
					resolve();
				},
				error: (r) => {
					this.add_line({
						verdict: null,
						code,
						message: server_message(r),
						at: frappe.datetime.now_datetime(),
					});
					resolve();
				},
			});
		});
	}

	show_totals(totals) {
		const expected = totals.expected_units || 0;
		const badge = (key, label, value, colour) =>
			`<span class="indicator-pill ${colour}" data-total="${key}">${label}: ${value}</span>`;
		const left = Math.max(0, expected - totals.found);
		const hint = __("List the units not found yet");
		this.$totals.html(
			[
				badge("Expected", __("Expected"), expected, "gray"),
				badge("Found", __("Found"), totals.found, "green"),
				`<a href="#" class="indicator-pill gray st-not-yet-scanned" data-total="Not Yet Scanned"
					title="${hint}" style="text-decoration: underline;">
					${__("Not Yet Scanned")}: ${left}</a>`,
				badge("Misplaced", __("Misplaced"), totals.misplaced, "orange"),
				badge("Unexpected", __("Unexpected"), totals.unexpected, "yellow"),
				badge("Unknown", __("Unknown"), totals.unknown, "red"),
				badge("Scans", __("Scans"), totals.scans, "blue"),
			].join("")
		);
	}

	show_not_yet_scanned() {
		// What is left to find, before closing: the expected units no scan has found yet.
		frappe
			.call({ method: COUNT_API + "not_yet_scanned", args: { count: this.frm.doc.name } })
			.then(({ message }) => {
				const esc = (value) => frappe.utils.escape_html(value == null ? "" : String(value));
				const rows = message.units
					.map(
						(unit) => `<tr><td>${esc(unit.serial_no)}</td><td>${esc(unit.maker_serial)}</td>
							<td>${esc(unit.item_code)}</td></tr>`
					)
					.join("");
				const more =
					message.total > message.units.length
						? `<p class="text-muted">${__("The first {0} of {1}.", [
								message.units.length,
								message.total,
						  ])}</p>`
						: "";
				const html = message.total
					? `<table class="table table-sm"><thead><tr><th>${__("Serial No")}</th>
						<th>${__("Maker Serial")}</th><th>${__("Item")}</th></tr></thead>
						<tbody>${rows}</tbody></table>${more}`
					: `<p>${__("Every unit expected here has been found.")}</p>`;
				frappe.msgprint({
					title: __("Not Yet Scanned: {0}", [message.total]),
					message: html,
					indicator: message.total ? "orange" : "green",
					wide: true,
				});
			});
	}

	add_line({ verdict, code, message, at }) {
		const colour = verdict ? frappe.boot.serial_tracking.count.verdicts[verdict] || "gray" : "red";
		const label = verdict ? __(verdict) : __("Refused");
		const $line = $(`
			<div class="st-scan-line" data-verdict="${frappe.utils.escape_html(verdict || "")}"
				style="display: flex; gap: var(--margin-sm); align-items: baseline; padding: 4px 0; border-bottom: 1px solid var(--border-color);">
				<span class="indicator-pill ${colour}" style="flex: none;">${label}</span>
				<span class="st-scan-message" style="flex: 1;"></span>
				<span class="text-muted small" style="flex: none;">${
					frappe.datetime.str_to_user(at).split(" ")[1] || ""
				}</span>
			</div>`);
		$line.find(".st-scan-message").text(message || code);
		$line.attr("data-code", code);
		this.$feed.prepend($line);
		this.$feed.children().slice(50).remove();
	}

	camera() {
		const dialog = new frappe.ui.Dialog({
			title: __("Scan with the Camera"),
			fields: [{ fieldtype: "HTML", fieldname: "video" }],
		});
		const video = $(
			`<video playsinline muted autoplay style="width: 100%; border-radius: var(--border-radius);"></video>`
		);
		dialog.fields_dict.video.$wrapper.html(video);
		let stream = null;
		let running = true;
		dialog.onhide = () => {
			running = false;
			stream && stream.getTracks().forEach((track) => track.stop());
			this.$input.trigger("focus");
		};
		dialog.show();
		Promise.all([
			navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }),
			BarcodeDetector.getSupportedFormats(),
		])
			.then(([media, formats]) => {
				stream = media;
				video[0].srcObject = media;
				const detector = new BarcodeDetector({ formats });
				const look = () => {
					if (!running) return;
					detector
						.detect(video[0])
						.then((codes) => codes.forEach((found) => this.from_camera(found.rawValue)))
						.catch(() => null)
						.finally(() => setTimeout(look, 250));
				};
				look();
			})
			.catch((error) => {
				dialog.hide();
				frappe.msgprint(
					__("The camera could not be opened ({0}): type or scan the serial instead.", [
						error.message,
					])
				);
			});
	}

	from_camera(code) {
		// The camera sees a label many times a second: one scan per label every two seconds.
		const now = Date.now();
		if (code === this.last_camera.code && now - this.last_camera.at < 2000) return;
		this.last_camera = { code, at: now };
		frappe.utils.play_sound("submit");
		this.submit(code);
	}
}

function server_message(r) {
	try {
		const messages = JSON.parse((r && r._server_messages) || "[]").map((m) => JSON.parse(m).message);
		if (messages.length) return frappe.utils.html2text(messages.join(" "));
	} catch (e) {
		// fall through: say something rather than nothing
	}
	return __("The scan could not be recorded. Try again.");
}

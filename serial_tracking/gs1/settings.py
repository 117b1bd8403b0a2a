"""The GS1 part of Serial Tracking Settings: a company prefix that can make GIAIs, a resolver host that is
a URL."""

from urllib.parse import urlparse

from serial_tracking.gs1.core import identifiers
from serial_tracking.gs1.core.errors import GS1Error
from serial_tracking.platform.core.i18n import _
from serial_tracking.platform.messages import rules_as_messages


def validate(settings) -> None:
	with rules_as_messages():
		if settings.get("gs1_company_prefix"):
			settings.gs1_company_prefix = settings.gs1_company_prefix.strip()
			identifiers.giai(settings.gs1_company_prefix, "1")
		host = (settings.get("gs1_resolver_host") or "").strip().rstrip("/")
		if host:
			parsed = urlparse(host)
			if parsed.scheme not in ("http", "https") or not parsed.netloc or parsed.path or parsed.query:
				raise GS1Error(
					_(
						"The Digital Link host must be a scheme and host only, such as https://id.example.com, not {host}."
					),
					host=host,
				)
		settings.gs1_resolver_host = host or None

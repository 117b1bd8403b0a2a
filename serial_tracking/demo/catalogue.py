"""What the demo business is: its catalogue, parties and places (plain data)."""

from serial_tracking.series.core import tracking

# item groups under All Item Groups (kept when a site already has one of that name)
ITEM_GROUPS = ("Laptops", "Power Tools", "Coffee Equipment", "Peripherals", "Consumable", "Services")

SERIALIZED = {
	"st_tracking_mode": tracking.SERIALIZED,
	"st_serial_source": tracking.SOURCE_BLANK,
}

# key: (item code, item name, group, fields)
ITEMS = {
	"laptop": (
		"DEMO-LAPTOP-14",
		"Laptop 14 inch",
		"Laptops",
		{
			**SERIALIZED,
			"st_series_template": "LT-{YY}{MM}-{####}{CHECK:MOD37_36}",
			"st_customer_warranty_days": 365,
			"st_vendor_warranty_days": 365,
		},
	),
	"drill": (
		"DEMO-DRILL-18V",
		"Cordless Drill 18V",
		"Power Tools",
		{
			**SERIALIZED,
			"st_series_template": "7{YY}{#####}{CHECK:LUHN}",
			"st_customer_warranty_days": 365,
			"st_vendor_warranty_days": 730,
		},
	),
	"espresso": (
		"DEMO-ESPRESSO-PRO",
		"Espresso Machine Pro",
		"Coffee Equipment",
		{
			**SERIALIZED,
			"st_series_template": "ESP-{YYYY}-{###}{CHECK:MOD37_36}",
			"st_maintenance_periodicity": "Quarterly",
			"st_maintenance_visits": 4,
			"st_customer_warranty_days": 730,
			"st_vendor_warranty_days": 365,
		},
	),
	# bought by quantity at first, serialized midway through a Tracking Mode Change
	"scanner": (
		"DEMO-SCANNER-2D",
		"Barcode Scanner 2D",
		"Peripherals",
		{"st_tracking_mode": tracking.QUANTITY, "st_series_template": "SC-{#####}"},
	),
	"beans": ("DEMO-COFFEE-BEANS", "Coffee Beans 1 kg", "Consumable", {}),
	"cleaning": ("DEMO-CLEANING-KIT", "Espresso Cleaning Kit", "Consumable", {}),
	"cable": ("DEMO-CABLE-USBC", "USB-C Cable 2 m", "Consumable", {}),
	"rental": ("DEMO-RENTAL-DAY", "Equipment Rental (per day)", "Services", {"is_stock_item": 0}),
	"repair": ("DEMO-WORKSHOP-REPAIR", "Workshop Repair", "Services", {"is_stock_item": 0}),
}

SUPPLIERS = {"northwind": "Northwind Electronics", "acme": "Acme Tools & Machines"}
CUSTOMERS = {
	"cafe": "Brightside Cafe",
	"builders": "Harbor Builders",
	"office": "Maple Street Office",
	"events": "Summit Events",
}
# key: (first name, last name, gender)
EMPLOYEES = {
	"alex": ("Alex", "Rivera", "Male"),
	"sam": ("Sam", "Chen", "Female"),
	"jordan": ("Jordan", "Patel", "Male"),
}
SALES_PERSON = "Riley Brooks"
WAREHOUSES = {
	"showroom": "Showroom",
	"fleet": "Rental Fleet",
	"service": "Service Desk",  # customers' units in for service (RMAs)
	"defective": "Returned Defectives",  # units taken back in an exchange
}

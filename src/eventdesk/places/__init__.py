"""The places stage: find toponyms in a parsed article and resolve them to gazetteer places.

    >>> geocoder = Geocoder.from_settings(PlaceSettings())
    >>> [(m.text, m.place.geonameid) for m in geocoder.geocode(parsed)]
    [('Gaza Strip', None), ('Tehran', 112931), ('Iran', 130758), ...]

``Gazetteer.load()`` reads the name index from its cache file (a fraction of a second; built there once,
about 15 s, when missing or stale); build the ``Geocoder`` once per process.
"""

from eventdesk.places.gazetteer import Gazetteer
from eventdesk.places.geocoder import Geocoder

__all__ = ["Gazetteer", "Geocoder"]

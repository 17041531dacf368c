"""Relation extraction: rules as data (:mod:`.rules`) run over masked sentences (:mod:`.sentence`)
by the engine (:mod:`.engine`), plus claims read from structure (:mod:`.special`)."""

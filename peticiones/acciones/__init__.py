"""Every state change of a request is one function here: it checks who may do it, changes the row,
writes the bitácora and schedules side effects with transaction.on_commit. Nothing else writes `estado`.

- captura.py: capture of a new request (folio), linking a call to an existing folio.
- transiciones.py: turnar, devolver, iniciar, marcar_atendida, declarar_improcedente, cerrar, reabrir…
- atencion.py: work inside the dirección without a state change (asignar, comentar, agregar_evidencia).
- lote.py: one action on the rows selected in a tray, each request its own transaction.
- seguimiento.py: follow-up calls, visits and the citizen's evaluation.
"""

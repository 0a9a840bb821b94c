"""A lighter PBKDF2 for machine-generated temporary passwords.

A temporary password is random (about 60 bits), printed once on the nombramiento and must be changed
at the first login, so 20,000 iterations protect it enough while letting a supervisor create hundreds
of logins at once (the default hasher costs ~0.2 s per password). At the first login Django re-hashes
it with the default hasher; the change that follows replaces it anyway.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class PBKDF2ContrasenaTemporalHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_temporal"
    iterations = 20_000

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins made through a web request.

    Logins without a request (the test client's ``login()``, scripts) cannot be guessed at
    from outside, so they skip the check instead of failing as plain django-axes makes them.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

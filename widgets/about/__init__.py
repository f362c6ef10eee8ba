"""The pages about the service itself: the accessibility statement and the privacy notice, with the deployment
settings they are filled from."""

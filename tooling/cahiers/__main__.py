"""`python -m cahiers` is an alias of the `cahiers` console script."""

from cahiers.cli import main

if __name__ == "__main__":
    main()
